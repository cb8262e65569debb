/**
 * What the node is, regardless of capability: its own Ed25519 identity key (with which it signs its
 * messages to peers; the seed lives only in the encrypted state vault) and how it knows its
 * database. Pure Java, no {@code jakarta.*}; the identity, datasource and database probe beans live
 * in {@code dev.cachet.node.ejb}. The data directory and the files in it are {@code
 * dev.cachet.host}'s, below the vault, so that the vault never depends on the node.
 */
package dev.cachet.node;
