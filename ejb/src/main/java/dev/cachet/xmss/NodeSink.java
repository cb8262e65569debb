package dev.cachet.xmss;

/** Where a tree computation puts the nodes it computes, each by height and index in its tree. */
interface NodeSink {

  /** Offered every computed node; the sink keeps those it holds a place for. */
  void put(int height, int index, byte[] node, int off);

  /** A sink that keeps nothing. */
  NodeSink NONE = (height, index, node, off) -> {};
}
