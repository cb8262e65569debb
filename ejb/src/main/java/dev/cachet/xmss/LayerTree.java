package dev.cachet.xmss;

/** One upper-layer tree on a window's path: its layer, its index on that layer, its levels. */
record LayerTree(int layer, long index, TreeLevels levels) {}
