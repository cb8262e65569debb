/**
 * The JSON the metadata exchange sends and serves: one set of records for the node's resources and
 * its peer client, so the two cannot drift (docs/protocol.md, "Metadata exchange"). Pure Java
 * records; JSON-B maps them.
 */
package dev.cachet.metadata.wire;
