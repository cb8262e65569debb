package dev.cachet.clock.ejb;

import dev.cachet.clock.Genesis;
import dev.cachet.clock.SlotClock;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The node's slot clock, from {@code cachet.chain.genesis-time} and {@code seconds-per-slot}. */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ChainClockBean {

  private static final Logger LOG = Logger.getLogger(ChainClockBean.class.getName());

  @Inject
  @ConfigProperty(name = "cachet.chain.genesis-time")
  Optional<String> genesisTime;

  @Inject
  @ConfigProperty(name = "cachet.chain.seconds-per-slot")
  long secondsPerSlot;

  @Inject
  @ConfigProperty(name = "cachet.data-dir")
  String dataDir;

  private SlotClock clock;

  @PostConstruct
  void start() {
    if (secondsPerSlot < 1) {
      throw new IllegalArgumentException("cachet.chain.seconds-per-slot must be at least 1");
    }
    Instant genesis = Genesis.resolve(genesisTime, Path.of(dataDir), Instant.now());
    clock = new SlotClock(genesis, Duration.ofSeconds(secondsPerSlot), Clock.systemUTC());
    LOG.info(() -> "slot clock: " + clock + ", now at slot " + clock.currentSlot());
  }

  public SlotClock slotClock() {
    return clock;
  }
}
