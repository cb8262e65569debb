package dev.cachet.handoff;

import static dev.cachet.handoff.HandoffSimulation.EPOCH_START;
import static dev.cachet.handoff.HandoffSimulation.GENESIS;
import static dev.cachet.handoff.HandoffSimulation.LAST_CRASH;
import static dev.cachet.handoff.HandoffSimulation.SLOTS_PER_EPOCH;

import dev.cachet.clock.SlotClock;
import dev.cachet.committee.Committee;
import dev.cachet.committee.CommitteeDirectory;
import dev.cachet.committee.Epochs;
import dev.cachet.error.CachetException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The honest nodes' lives: each boots an engine (a restart is a new engine over the same store,
 * then {@link HandoffEngine#restore()}), ticks about once a second by its own clock, dies when the
 * scenario says or at a store write, and is handed what the network delivers. A peer's message an
 * honest engine refuses, when an honest node sent it, is a violation; so is any exception that is
 * not one of the handoff's typed refusals.
 */
final class NodeLives implements SimulatedNetwork.Host {

  private final HandoffSimulation world;
  private final Scenario scenario;
  private final EventQueue time;
  private final List<SimulatedNode> nodes;
  private final Committee committee;
  private final Committee next;
  private final SafetyLedger ledger;
  private final Trace trace;
  private final SimulatedNetwork network;
  private final Adversary adversary;
  private final Random ticks;

  NodeLives(HandoffSimulation world, SimulatedNetwork network, Adversary adversary, Random ticks) {
    this.world = world;
    this.scenario = world.scenario;
    this.time = world.time;
    this.nodes = world.nodes;
    this.committee = world.committee;
    this.next = world.next;
    this.ledger = world.ledger;
    this.trace = world.trace;
    this.network = network;
    this.adversary = adversary;
    this.ticks = ticks;
  }

  void schedule() {
    for (SimulatedNode node : nodes) {
      if (node.honest && !scenario.isAbsent(node.index)) {
        time.at(EPOCH_START + ticks.nextInt(1_000), () -> boot(node));
      }
    }
    for (Scenario.Outage outage : scenario.outages) {
      SimulatedNode node = nodes.get(outage.node());
      time.at(EPOCH_START + outage.atMillis(), () -> crash(node, outage.downMillis()));
    }
    for (Scenario.WriteCrash crash : scenario.writeCrashes) {
      SimulatedNode node = nodes.get(crash.node());
      node.store.crashAtWrite(crash.what(), crash.nth(), crash.afterWrite());
      node.downAfterWriteCrash = crash.downMillis();
    }
    time.at(
        LAST_CRASH,
        () -> nodes.stream().filter(n -> n.store != null).forEach(n -> n.store.disarm()));
    if (adversary != null) {
      adversary.schedule();
    }
  }

  private void boot(SimulatedNode node) {
    Epochs epochs = epochsOn(node.clock);
    HandoffEngine engine =
        new HandoffEngine(
            new FixedCommittees(committee, next, epochs),
            epochs,
            node.signer,
            new SimulatedTransport(network, ledger, node),
            node.store,
            node.inputs,
            node.clock,
            world.settings,
            HandoffObserver.NONE);
    node.started(engine);
    trace.record(time.now(), "boot", node.index, node.index, "");
    guarded(
        node,
        "restore",
        () -> {
          engine.restore();
          return "ok";
        });
    if (node.up()) {
      tick(node, node.incarnation(), time.now() + ticks.nextInt(1_000));
    }
  }

  private void tick(SimulatedNode node, int incarnation, long at) {
    time.at(
        at,
        () -> {
          if (node.incarnation() != incarnation) {
            return;
          }
          HandoffEngine engine = node.engine();
          guarded(
              node,
              "tick",
              () -> {
                engine.tick();
                return "ok";
              });
          if (node.incarnation() == incarnation) {
            tick(node, incarnation, time.now() + 800 + ticks.nextInt(401));
          }
        });
  }

  private void crash(SimulatedNode node, long downMillis) {
    if (!node.up()) {
      return;
    }
    node.crashed();
    trace.record(time.now(), "crash", node.index, node.index, "");
    int incarnation = node.incarnation();
    time.after(
        downMillis,
        () -> {
          if (node.incarnation() == incarnation) {
            boot(node);
          }
        });
  }

  /** Runs an engine call: a crash at a store write kills the node, a bug is a violation. */
  private String guarded(SimulatedNode node, String what, Supplier<String> call) {
    try {
      return call.get();
    } catch (InMemoryHandoffStore.Crash crash) {
      crash(node, node.downAfterWriteCrash);
      return "CRASH";
    } catch (CachetException refused) {
      return refused.code();
    } catch (RuntimeException bug) {
      ledger.violation(node + " " + what + " threw " + bug);
      return "BUG";
    }
  }

  // ---- the network's other end ----

  @Override
  public void deliver(SimulatedNode from, SimulatedNode to, SimulatedNetwork.Message message) {
    String what = message.getClass().getSimpleName();
    if (!to.honest) {
      adversary.observe(from, message);
      return;
    }
    if (!to.up()) {
      trace.record(time.now(), what, from.index, to.index, "down");
      return;
    }
    HandoffEngine engine = to.engine();
    String outcome = guarded(to, "receive " + what, () -> receive(engine, message).name());
    trace.record(time.now(), what, from.index, to.index, outcome);
    world.delivered.merge(what + " " + outcome, 1, Integer::sum);
    boolean taken = outcome.equals("NEW") || outcome.equals("KNOWN") || outcome.equals("CRASH");
    if (from.honest && !taken) {
      ledger.violation(to + " refused " + from + "'s " + what + ": " + outcome);
    }
  }

  private static HandoffEngine.Received receive(
      HandoffEngine engine, SimulatedNetwork.Message message) {
    if (message instanceof SimulatedNetwork.Ready r) {
      return engine.receiveReady(r.signal(), r.snapshot());
    }
    if (message instanceof SimulatedNetwork.Freeze f) {
      return engine.receiveFreeze(f.freeze());
    }
    SimulatedNetwork.Attest a = (SimulatedNetwork.Attest) message;
    return engine.receiveAttestation(a.statement(), a.attestation());
  }

  @Override
  public Optional<Optional<HandoffCertificate>> answer(SimulatedNode to, long epoch) {
    if (!to.honest) {
      return Optional.of(adversary.answer(epoch));
    }
    return to.up() ? Optional.of(to.engine().certificate(epoch)) : Optional.empty();
  }

  @Override
  public void fetched(
      SimulatedNode requester,
      int incarnation,
      Optional<HandoffCertificate> got,
      Consumer<Optional<HandoffCertificate>> done) {
    if (requester.incarnation() != incarnation) {
      return; // the engine that asked has died
    }
    guarded(
        requester,
        "fetched",
        () -> {
          done.accept(got);
          return "ok";
        });
  }

  private static Epochs epochsOn(Clock clock) {
    return new Epochs(
        new SlotClock(Instant.ofEpochMilli(GENESIS), Duration.ofSeconds(1), clock),
        SLOTS_PER_EPOCH);
  }

  /** The committees of epochs 1 and 2, and none other. */
  private record FixedCommittees(Committee committee, Committee next, Epochs epochs)
      implements CommitteeDirectory {
    @Override
    public Optional<Committee> find(long epoch) {
      if (epoch == committee.epoch()) {
        return Optional.of(committee);
      }
      return epoch == next.epoch() ? Optional.of(next) : Optional.empty();
    }

    @Override
    public long currentEpoch() {
      return epochs.currentEpoch();
    }
  }
}
