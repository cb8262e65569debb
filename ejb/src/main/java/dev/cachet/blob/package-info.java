/**
 * Content-addressed blob store (validator metadata served to and fetched from peers). Pure Java, no
 * {@code jakarta.*}. Rule kept here: a blob is stored or served only under the Blake2b-256 hash of
 * its exact bytes (DESIGN.md §4.4), and it is durable before it is cached. The JPA adapter and the
 * hosting bean live in {@code dev.cachet.blob.ejb}.
 */
package dev.cachet.blob;
