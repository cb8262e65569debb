package dev.cachet.web.state;

/** {@code POST /api/v1/admin/state/rewrap}: how many records were re-encrypted. */
public record Rewrapped(int rewritten) {}
