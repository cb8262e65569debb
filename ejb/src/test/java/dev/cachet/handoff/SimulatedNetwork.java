package dev.cachet.handoff;

import dev.cachet.node.IdentityKey;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The in-memory network between simulated nodes. A message sent becomes a delivery event after a
 * seeded delay (now and then a long one, so messages overtake each other); it may be dropped or
 * delivered twice. Drops end at {@code healAt}: after that every message arrives, which is the
 * "messages eventually delivered" of the liveness claim. A certificate request that gets no reply
 * reports empty after a timeout.
 */
final class SimulatedNetwork {

  /** What travels. */
  sealed interface Message {}

  record Ready(ReadySignal signal, Items snapshot) implements Message {}

  record Freeze(FreezeCertificate freeze) implements Message {}

  record Attest(HandoffStatement statement, Attestation attestation) implements Message {}

  /** The other end of every call: the world, which knows what runs on each node. */
  interface Host {
    void deliver(SimulatedNode from, SimulatedNode to, Message message);

    /** The certificate {@code to} serves, or empty if it cannot answer (down). */
    Optional<Optional<HandoffCertificate>> answer(SimulatedNode to, long epoch);

    void fetched(
        SimulatedNode requester,
        int incarnation,
        Optional<HandoffCertificate> got,
        Consumer<Optional<HandoffCertificate>> done);
  }

  static final long FETCH_TIMEOUT_MILLIS = 2_000;

  private final EventQueue time;
  private final Random random;
  private final Scenario scenario;
  private final long healAt;
  private final Trace trace;
  private Host host;
  private Map<IdentityKey, SimulatedNode> nodes;
  long sent;
  long dropped;

  SimulatedNetwork(EventQueue time, Random random, Scenario scenario, long healAt, Trace trace) {
    this.time = time;
    this.random = random;
    this.scenario = scenario;
    this.healAt = healAt;
    this.trace = trace;
  }

  void connect(Host host, Map<IdentityKey, SimulatedNode> nodes) {
    this.host = host;
    this.nodes = nodes;
  }

  void send(SimulatedNode from, IdentityKey to, Message message) {
    SimulatedNode target = nodes.get(to);
    sent++;
    if (target == null || lost()) {
      dropped++;
      trace.record(time.now(), "drop", from.index, target == null ? -1 : target.index, "");
      return;
    }
    int copies = random.nextDouble() < scenario.duplicate ? 2 : 1;
    for (int i = 0; i < copies; i++) {
      time.after(delay(), () -> host.deliver(from, target, message));
    }
  }

  void fetch(
      SimulatedNode from, IdentityKey to, long epoch, Consumer<Optional<HandoffCertificate>> done) {
    int incarnation = from.incarnation();
    SimulatedNode target = nodes.get(to);
    Runnable failed =
        () ->
            time.after(
                FETCH_TIMEOUT_MILLIS,
                () -> host.fetched(from, incarnation, Optional.empty(), done));
    sent++;
    if (target == null || lost()) {
      dropped++;
      failed.run();
      return;
    }
    time.after(
        delay(),
        () -> {
          Optional<Optional<HandoffCertificate>> answer = host.answer(target, epoch);
          trace.record(
              time.now(),
              "fetch",
              from.index,
              target.index,
              answer.map(a -> a.isPresent() ? "cert" : "none").orElse("down"));
          if (answer.isEmpty() || lost()) {
            failed.run();
            return;
          }
          time.after(delay(), () -> host.fetched(from, incarnation, answer.get(), done));
        });
  }

  private boolean lost() {
    return time.now() < healAt && random.nextDouble() < scenario.drop;
  }

  private long delay() {
    long delay = 1 + random.nextInt(300);
    if (random.nextDouble() < scenario.slow) {
      delay += random.nextInt(4_000);
    }
    return delay;
  }
}
