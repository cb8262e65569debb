/** The checkpoint messages' JSON wire records, shared by the peer client and the resources. */
package dev.cachet.checkpoint.wire;
