package dev.cachet.handoff;

/**
 * A fingerprint of everything that happened in a run, in order: two runs of one seed must give the
 * same one. FNV-1a over the events' fields; strings by their (specified) hash codes.
 */
final class Trace {

  private static final long PRIME = 0x100000001b3L;

  private long hash = 0xcbf29ce484222325L;
  private long events;

  void record(long at, String what, int from, int to, String outcome) {
    mix(at);
    mix(what.hashCode());
    mix(from);
    mix(to);
    mix(outcome.hashCode());
    events++;
  }

  void mix(long value) {
    for (int i = 0; i < Long.BYTES; i++) {
      hash = (hash ^ ((value >>> (i * 8)) & 0xff)) * PRIME;
    }
  }

  long fingerprint() {
    return hash;
  }

  long events() {
    return events;
  }
}
