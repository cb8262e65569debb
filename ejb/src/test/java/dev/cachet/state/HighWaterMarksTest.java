package dev.cachet.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HighWaterMarksTest {

  @TempDir Path dir;

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  private long onDisk(String record) {
    return HighWaterMarks.open(dir.resolve("state.hwm")).of(record);
  }

  @Test
  void theFileIsOwnerOnlyEvenOverALeftoverTemporaryFile() throws Exception {
    Path leftover = Files.writeString(dir.resolve("state.hwm.tmp"), "half written");
    Files.setPosixFilePermissions(leftover, PosixFilePermissions.fromString("rw-r--r--"));
    HighWaterMarks marks = HighWaterMarks.open(dir.resolve("state.hwm"));

    marks.raise("node/identity", 1);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(marks.file())))
        .isEqualTo("rw-------");
    assertThat(onDisk("node/identity")).isEqualTo(1);
  }

  @Test
  void withoutASchedulerEveryRaiseIsOnDiskWhenItReturns() {
    HighWaterMarks marks = HighWaterMarks.open(dir.resolve("state.hwm"));
    marks.raise("keys/1/attestation", 3);
    marks.raise("keys/1/attestation", 2); // never lowered

    assertThat(onDisk("keys/1/attestation")).isEqualTo(3);
  }

  @Test
  void aDeferredRaiseIsWrittenAtTheLatestOnClose() {
    HighWaterMarks marks =
        HighWaterMarks.open(dir.resolve("state.hwm"), scheduler, Duration.ofHours(1));
    marks.raise("r", 7);

    assertThat(marks.of("r")).isEqualTo(7);
    assertThat(onDisk("r")).isZero();
    marks.close();
    assertThat(onDisk("r")).isEqualTo(7);
  }

  @Test
  void deferredRaisesAreWrittenTogetherWithinTheLag() throws Exception {
    HighWaterMarks marks =
        HighWaterMarks.open(dir.resolve("state.hwm"), scheduler, Duration.ofMillis(20));
    for (long generation = 1; generation <= 100; generation++) {
      marks.raise("a", generation);
      marks.raise("b", generation * 2);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (onDisk("b") != 200 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(onDisk("a")).isEqualTo(100);
    assertThat(onDisk("b")).isEqualTo(200);
  }
}
