package dev.cachet.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** A read that timed out is the client's slowness (408); any other failure a body cut short. */
class TimedBodiesTest {

  /** A body whose first read fails with {@code failure}. */
  private static InputStream failing(IOException failure) {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        throw failure;
      }
    };
  }

  @Test
  void tellsATimeoutFromABodyThatBrokeOff() {
    assertThat(TimedBodies.timedOut(new SocketTimeoutException("read timed out"))).isTrue();
    assertThat(TimedBodies.timedOut(new IOException(new TimeoutException()))).isTrue();
    assertThat(TimedBodies.timedOut(new IOException(new InterruptedException()))).isTrue();
    assertThat(TimedBodies.timedOut(new IOException("connection reset"))).isFalse();
  }

  @Test
  void aTimedStreamThrowsTheTimeoutAsRequestTimeout() {
    assertThatThrownBy(
            () -> TimedBodies.timed(failing(new SocketTimeoutException())).read(new byte[4]))
        .isInstanceOf(RequestTimeoutException.class)
        .hasFieldOrPropertyWithValue("code", "REQUEST_TIMEOUT");
    assertThatThrownBy(() -> TimedBodies.timed(failing(new IOException("reset"))).read())
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(RequestTimeoutException.class);
  }
}
