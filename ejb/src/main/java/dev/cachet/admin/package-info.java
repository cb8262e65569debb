/**
 * Admin authentication: the bearer token that guards {@code /api/v1/admin/...}. Pure Java, no
 * {@code jakarta.*}. Rules kept: the token is compared in constant time and never logged or put in
 * an exception message; a generated token file is owner-only from its creation.
 */
package dev.cachet.admin;
