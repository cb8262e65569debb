/** The keysign's JSON wire records, shared by the peer client and the node's resources. */
package dev.cachet.keysign.wire;
