package dev.cachet.checkpoint.ejb;

import dev.cachet.checkpoint.Bytes32;
import dev.cachet.checkpoint.CheckpointJob;
import dev.cachet.checkpoint.CheckpointNode;
import dev.cachet.checkpoint.CheckpointSignatures;
import dev.cachet.checkpoint.Ledger;
import dev.cachet.checkpoint.LedgerExecutor;
import dev.cachet.checkpoint.Tx;
import dev.cachet.checkpoint.wire.CheckpointJson;
import dev.cachet.clock.SlotClock;
import dev.cachet.committee.Committee;
import dev.cachet.committee.Member;
import dev.cachet.committee.ejb.CommitteesBean;
import dev.cachet.keys.KeyRole;
import dev.cachet.keys.KeyView;
import dev.cachet.keys.SigningMessage;
import dev.cachet.keys.ValidatorKeyId;
import dev.cachet.keys.ejb.KeyManagerBean;
import dev.cachet.node.IdentityKey;
import dev.cachet.node.ejb.NodeIdentityBean;
import dev.cachet.peer.ejb.IdentitySigner;
import dev.cachet.peer.ejb.PeerClient;
import dev.cachet.peer.ejb.PeersBean;
import dev.cachet.tasks.Repeating;
import dev.cachet.tasks.RetriedStart;
import dev.cachet.tasks.ejb.ManagedExecutors;
import dev.cachet.xmss.XmssParameters;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Hosts the node's {@link CheckpointNode}: the committees of each slot's epoch, the key manager's
 * XMSS^MT keys (leaf = slot, its watermark rules), the peers at the committees' URLs, the published
 * checkpoints in the database, and a tick at every slot's start. Built once the node's identity is
 * loaded (a start task tries every second until then), replaying the stored checkpoints onto the
 * genesis ledger of {@code cachet.checkpoint.genesis-accounts}. The node locks itself, so every
 * method takes the READ lock.
 */
@Singleton
@Startup
@LocalBean
@DependsOn("KeysignBean")
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CheckpointBean {

  private static final Logger LOG = Logger.getLogger(CheckpointBean.class.getName());

  @EJB private CommitteesBean committees;
  @EJB private NodeIdentityBean identity;
  @EJB private PeersBean peers;
  @EJB private KeyManagerBean keys;
  @EJB private JpaCheckpointRecords records;
  @Inject private PeerClient client;
  @Inject private MetricRegistry metrics;
  @Resource private ManagedScheduledExecutorService scheduler;

  @Inject
  @ConfigProperty(name = "cachet.checkpoint.blocks-per-slot")
  int blocksPerSlot;

  @Inject
  @ConfigProperty(name = "cachet.checkpoint.build-fraction")
  double buildFraction;

  @Inject
  @ConfigProperty(name = "cachet.checkpoint.deadline-fraction")
  double deadlineFraction;

  @Inject
  @ConfigProperty(name = "cachet.checkpoint.max-txs-per-block")
  int maxTxsPerBlock;

  @Inject
  @ConfigProperty(name = "cachet.checkpoint.pool-slots")
  int poolSlots;

  @Inject
  @ConfigProperty(name = "cachet.checkpoint.execution")
  String execution;

  @Inject
  @ConfigProperty(name = "cachet.checkpoint.genesis-accounts")
  Optional<String> genesisAccounts;

  /** The managed executor the jobs run on (resources/preboot.asadmin). */
  static final String CHECKPOINT_EXECUTOR = "concurrent/cachet-checkpoint";

  private ManagedExecutorService executor;
  private volatile CheckpointNode node;
  private volatile XmssParameters committeeParameters;
  private RetriedStart starter;
  private volatile ScheduledFuture<?> ticker;
  private volatile boolean stopped;
  private Jsonb jsonb;
  private Ledger genesis;
  private CheckpointJob.Schedule schedule;

  @PostConstruct
  void start() {
    if (blocksPerSlot < 1 || blocksPerSlot > 64) {
      throw new IllegalArgumentException("cachet.checkpoint.blocks-per-slot is 1 to 64");
    }
    if (!(buildFraction > 0 && buildFraction < deadlineFraction && deadlineFraction <= 1)) {
      throw new IllegalArgumentException(
          "0 < cachet.checkpoint.build-fraction < cachet.checkpoint.deadline-fraction <= 1");
    }
    schedule = schedule(execution);
    executor = ManagedExecutors.named(CHECKPOINT_EXECUTOR, "checkpoint jobs");
    jsonb = JsonbBuilder.create();
    genesis = genesisLedger(genesisAccounts.filter(s -> !s.isBlank()));
    starter =
        RetriedStart.schedule(
            scheduler,
            "starting the checkpoint attestation",
            () -> {
              node();
              scheduleTick();
            });
  }

  @PreDestroy
  void stop() {
    stopped = true;
    if (starter != null) {
      starter.close();
    }
    if (ticker != null) {
      ticker.cancel(false);
    }
    try {
      jsonb.close();
    } catch (Exception e) {
      // nothing held that matters at shutdown
    }
  }

  private CheckpointNode node() {
    CheckpointNode current = node;
    if (current != null) {
      return current;
    }
    synchronized (this) {
      if (node == null) {
        IdentityKey self = identity.requireIdentityKey();
        IdentitySigner signer = new IdentitySigner(identity, self);
        HttpCheckpointTransport transport =
            new HttpCheckpointTransport(
                client, peers.calls(), signer, () -> committees.directory().currentEpoch());
        List<CheckpointNode.Published> stored = new ArrayList<>();
        for (byte[] content : records.all()) {
          stored.add(
              jsonb
                  .fromJson(
                      new String(content, StandardCharsets.UTF_8),
                      CheckpointJson.PublishedJson.class)
                  .toMessage());
        }
        node =
            new CheckpointNode(
                new BeanPorts(self, signer, transport),
                new CheckpointNode.Settings(
                    blocksPerSlot,
                    buildFraction,
                    deadlineFraction,
                    maxTxsPerBlock,
                    poolSlots,
                    schedule),
                new LedgerExecutor(),
                new CheckpointSignatures(this::committeeParameters),
                new CheckpointJob.Tip(0, Bytes32.ZERO, genesis),
                stored);
        metrics.gauge("cachet.checkpoint.pool.transactions", node::poolSize);
        metrics.gauge("cachet.checkpoint.tip.block", () -> node.tip().blockNumber());
      }
      return node;
    }
  }

  /** The next slot's tick, rescheduled each time (so the tick follows the slots, never drifts). */
  private void scheduleTick() {
    if (stopped) {
      return;
    }
    SlotClock clock = committees.epochs().slotClock();
    long next = clock.currentSlot() + 1;
    long delay = clock.startOf(next).toEpochMilli() - System.currentTimeMillis() + 2;
    ticker =
        scheduler.schedule(
            new Repeating(
                "the checkpoint slot tick",
                () -> {
                  try {
                    node.slotStarted(next);
                  } finally {
                    scheduleTick();
                  }
                }),
            Math.max(1, delay),
            TimeUnit.MILLISECONDS);
  }

  /** The XMSS^MT parameter set of this node's own attestation key: the committee's, by rule. */
  private XmssParameters committeeParameters() {
    XmssParameters known = committeeParameters;
    if (known != null) {
      return known;
    }
    Optional<Member> me =
        identity
            .identityKey()
            .flatMap(
                self ->
                    committees
                        .directory()
                        .find(committees.directory().currentEpoch())
                        .flatMap(c -> c.member(self)));
    Optional<Long> validator = me.flatMap(Member::duty).map(d -> d.validatorIndex());
    if (validator.isPresent()) {
      try {
        KeyView view = keys.view(new ValidatorKeyId(validator.get(), KeyRole.ATTESTATION));
        committeeParameters = new XmssParameters(view.height(), view.layers());
        return committeeParameters;
      } catch (RuntimeException e) {
        // no key yet: the production set until there is one
      }
    }
    return XmssParameters.PRODUCTION;
  }

  private static CheckpointJob.Schedule schedule(String execution) {
    return switch (execution.strip()) {
      case "pipelined" -> CheckpointJob.Schedule.PIPELINED;
      case "on-proposal" -> CheckpointJob.Schedule.ON_PROPOSAL;
      default ->
          throw new IllegalArgumentException(
              "cachet.checkpoint.execution is pipelined or on-proposal, not " + execution);
    };
  }

  private Ledger genesisLedger(Optional<String> path) {
    if (path.isEmpty()) {
      return Ledger.genesis(Map.of());
    }
    try (Reader in = Files.newBufferedReader(Path.of(path.get()), StandardCharsets.UTF_8);
        JsonReader reader = Json.createReader(in)) {
      JsonObject root = reader.readObject();
      Map<Bytes32, Long> balances = new LinkedHashMap<>();
      for (JsonValue v : root.getJsonArray("accounts")) {
        JsonObject a = v.asJsonObject();
        long balance = a.getJsonNumber("balance").longValueExact();
        if (balance < 0) {
          throw new IllegalArgumentException("a balance is not negative");
        }
        balances.put(Bytes32.parse(a.getString("id"), "id"), balance);
      }
      return Ledger.genesis(balances);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "cachet.checkpoint.genesis-accounts "
              + path.get()
              + " is not a readable accounts file: "
              + e,
          e);
    }
  }

  // ---- the API

  public List<Bytes32> submit(List<Tx> txs) {
    long slot = committees.epochs().slotClock().currentSlot();
    return node().receiveTxs(txs, true, committeeOf(slot));
  }

  public List<Bytes32> relayed(CheckpointJson.TxsJson relay) {
    return node()
        .receiveTxs(
            HttpCheckpointRelay.verified(relay, committees.directory()), false, Optional.empty());
  }

  public boolean block(CheckpointNode.BlockMessage m) {
    return node().receiveBlock(m) != CheckpointJob.Received.REFUSED;
  }

  public boolean proposal(CheckpointNode.ProposalMessage m) {
    return node().receiveProposal(m) != CheckpointJob.Received.REFUSED;
  }

  public boolean attestation(CheckpointNode.AttestationMessage m) {
    return node().receiveAttestation(m);
  }

  public boolean published(CheckpointNode.Published p) {
    return node().receivePublished(p);
  }

  /**
   * @throws dev.cachet.error.UnknownResourceException {@code CHECKPOINT_NOT_FOUND}
   */
  public CheckpointNode.Published checkpoint(long slot) {
    return node()
        .published(slot)
        .orElseThrow(
            () ->
                new dev.cachet.error.UnknownResourceException(
                    "CHECKPOINT_NOT_FOUND",
                    "this node holds no published checkpoint of slot " + slot));
  }

  public CheckpointJob.Tip tip() {
    return node().tip();
  }

  public int poolSize() {
    return node().poolSize();
  }

  public CheckpointNode.SlotView slot(long slot) {
    return node().slot(slot);
  }

  private Optional<Committee> committeeOf(long slot) {
    return committees.directory().find(committees.epochs().epochOf(slot));
  }

  /** The node's side of the ports. */
  private final class BeanPorts implements CheckpointNode.Ports {
    private final IdentityKey self;
    private final IdentitySigner signer;
    private final HttpCheckpointTransport transport;

    BeanPorts(IdentityKey self, IdentitySigner signer, HttpCheckpointTransport transport) {
      this.self = self;
      this.signer = signer;
      this.transport = transport;
    }

    @Override
    public Optional<Committee> committeeOf(long slot) {
      return CheckpointBean.this.committeeOf(slot);
    }

    @Override
    public IdentityKey self() {
      return self;
    }

    @Override
    public long now() {
      return System.currentTimeMillis();
    }

    @Override
    public long slotStart(long slot) {
      return committees.epochs().slotClock().startOf(slot).toEpochMilli();
    }

    @Override
    public long slotMillis() {
      return committees.epochs().slotClock().slotDuration().toMillis();
    }

    @Override
    public void at(long atMillis, Runnable task) {
      scheduler.schedule(
          new Repeating("a checkpoint proposer's step", task),
          Math.max(0, atMillis - System.currentTimeMillis()),
          TimeUnit.MILLISECONDS);
    }

    @Override
    public Executor executor() {
      return executor;
    }

    @Override
    public byte[] signIdentity(Bytes32 digest) {
      return signer.sign(digest.bytes());
    }

    @Override
    public Optional<byte[]> signXmss(
        boolean proposal, long validatorIndex, long slot, Bytes32 digest) {
      ValidatorKeyId id =
          new ValidatorKeyId(validatorIndex, proposal ? KeyRole.PROPOSAL : KeyRole.ATTESTATION);
      try {
        return Optional.of(keys.sign(id, slot, SigningMessage.of(digest.bytes())));
      } catch (RuntimeException e) {
        LOG.warning("the " + id + " did not sign slot " + slot + ": " + e.getMessage());
        return Optional.empty();
      }
    }

    @Override
    public void broadcast(Committee committee, CheckpointNode.Message message) {
      transport.broadcast(committee, message);
    }

    @Override
    public void stored(CheckpointNode.Published published) {
      records.insertIfAbsent(
          published.header().slot(),
          jsonb
              .toJson(CheckpointJson.PublishedJson.of(published))
              .getBytes(StandardCharsets.UTF_8));
      metrics.counter("cachet.checkpoint.published").inc();
    }

    @Override
    public Optional<CheckpointNode.Published> fetch(long slot) {
      Optional<Committee> committee = committeeOf(slot);
      if (committee.isEmpty()) {
        return Optional.empty();
      }
      for (Member m : committee.get().members()) {
        if (m.identityKey().equals(self)) {
          continue;
        }
        try {
          return Optional.of(
              client
                  .getJson(
                      m.url(), "api/v1/checkpoints/" + slot, CheckpointJson.PublishedJson.class)
                  .toMessage());
        } catch (RuntimeException e) {
          // not there (404), or the member is down: the next one
        }
      }
      return Optional.empty();
    }

    @Override
    public void attestationSent(long slot, long nanosSinceProposal, boolean asProposer) {
      metrics
          .timer(
              "cachet.checkpoint.proposal.to.attestation",
              new Tag("role", asProposer ? "proposer" : "validator"))
          .update(Duration.ofNanos(nanosSinceProposal));
    }

    @Override
    public void blocksExecuted(long slot, List<Long> executionNanos) {
      Timer timer = metrics.timer("cachet.checkpoint.block.execution");
      executionNanos.forEach(n -> timer.update(Duration.ofNanos(n)));
    }

    @Override
    public void outcome(long slot, CheckpointJob.Outcome outcome) {
      String label =
          outcome.attested()
              ? "attested"
              : outcome.reason().map(r -> r.name().toLowerCase(Locale.ROOT)).orElse("unknown");
      metrics.counter("cachet.checkpoint.outcomes", new Tag("outcome", label)).inc();
      LOG.fine(() -> "checkpoint job of slot " + slot + ": " + label + " at " + Instant.now());
    }
  }
}
