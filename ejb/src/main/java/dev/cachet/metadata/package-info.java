/**
 * Validator metadata exchanged between the nodes of a committee (issue 12): each member publishes
 * one metadata blob per epoch with a signed announcement; announcements spread by push, relay and a
 * periodic pull of peers' listings; every member fetches every announced blob from its peers and
 * keeps it only if it hashes to the announced hash. Pure Java: the network is a port ({@link
 * dev.cachet.metadata.MetadataTransport}), so the same code runs over HTTP in the node and over a
 * seeded in-memory network in the simulation tests.
 */
package dev.cachet.metadata;
