/**
 * What the node is and needs of its host regardless of capability: its own Ed25519 identity key
 * (with which it signs its messages to peers; the seed lives only in the encrypted state vault),
 * its generated secret files, and how it knows its database. Pure Java, no {@code jakarta.*}; the
 * identity, datasource and database probe beans live in {@code dev.cachet.node.ejb}.
 */
package dev.cachet.node;
