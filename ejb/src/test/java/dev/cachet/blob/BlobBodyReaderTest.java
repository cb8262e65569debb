package dev.cachet.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachet.error.InvalidRequestException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class BlobBodyReaderTest {

  private static final int LIMIT = 200_000;
  private final BlobBodyReader reader = new BlobBodyReader(LIMIT);

  /** An endless body that counts what was read from it. */
  private static final class EndlessBody extends InputStream {
    long delivered;

    @Override
    public int read() {
      delivered++;
      return 7;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      delivered += len;
      return len;
    }
  }

  @Test
  void readsABodyOfExactlyTheLimit() {
    byte[] body = new byte[LIMIT];
    assertThat(reader.read(new ByteArrayInputStream(body), OptionalLong.of(LIMIT))).hasSize(LIMIT);
    assertThat(reader.read(new ByteArrayInputStream(body), OptionalLong.empty())).hasSize(LIMIT);
  }

  @Test
  void readsAnEmptyBody() {
    assertThat(reader.read(new ByteArrayInputStream(new byte[0]), OptionalLong.of(0))).isEmpty();
  }

  @Test
  void refusesADeclaredLengthOverTheLimitWithoutReading() {
    EndlessBody body = new EndlessBody();
    assertThatThrownBy(() -> reader.read(body, OptionalLong.of(LIMIT + 1)))
        .isInstanceOf(BlobTooLargeException.class)
        .extracting("code")
        .isEqualTo("BLOB_TOO_LARGE");
    assertThat(body.delivered).isZero();
  }

  @Test
  void refusesABodyOneByteOverTheLimitWithoutDeclaredLength() {
    byte[] body = new byte[LIMIT + 1];
    assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(body), OptionalLong.empty()))
        .isInstanceOf(BlobTooLargeException.class);
  }

  @Test
  void stopsReadingALyingBodyJustPastTheLimit() {
    EndlessBody body = new EndlessBody();
    assertThatThrownBy(() -> reader.read(body, OptionalLong.of(10)))
        .isInstanceOf(BlobTooLargeException.class);
    assertThat(body.delivered).isEqualTo(LIMIT + 1);
  }

  @Test
  void reportsABrokenBodyAsInvalidRequest() {
    InputStream broken =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("connection reset");
          }
        };
    assertThatThrownBy(() -> reader.read(broken, OptionalLong.empty()))
        .isInstanceOf(InvalidRequestException.class)
        .extracting("code")
        .isEqualTo("BODY_UNREADABLE");
  }
}
