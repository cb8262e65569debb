package dev.cachet.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class BlobTest {

  @Test
  void refusesStoredBytesThatDoNotHashToTheirId() {
    BlobHash id = BlobHash.of(new byte[] {1});
    assertThatThrownBy(() -> Blob.stored(id, new byte[] {2}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(id.hex());
  }

  @Test
  void isImmutable() throws Exception {
    byte[] content = {1, 2, 3};
    Blob blob = Blob.of(content);
    content[0] = 9;
    blob.bytes()[1] = 9;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    blob.writeTo(out);
    assertThat(out.toByteArray()).containsExactly(1, 2, 3);
  }
}
