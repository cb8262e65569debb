package dev.cachet.web.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Blob uploads take up to the blob limit, a committee up to 1 MiB of JSON, every other body is JSON
 * of at most 64 KiB.
 */
class BodyLimitsTest {

  private final BodyLimits limits = new BodyLimits(16 * 1024 * 1024);

  @Test
  void blobUploadsTakeTheBlobLimitWithTheBlobAnswer() {
    assertThat(limits.limit("PUT", "/api/v1/blobs")).isEqualTo(16 * 1024 * 1024);
    assertThat(limits.limit("PUT", "/api/v1/blobs/ab")).isEqualTo(16 * 1024 * 1024);
    Refusal refusal = limits.tooLarge("PUT", "/api/v1/blobs");
    assertThat(refusal.status()).isEqualTo(413);
    assertThat(refusal.body().error()).isEqualTo("BLOB_TOO_LARGE");
    assertThat(refusal.closeConnection()).isTrue();
  }

  @Test
  void everyOtherBodyIsJsonOfAtMost64KiB() {
    assertThat(limits.limit("POST", "/api/v1/validators/1/attestations")).isEqualTo(65536);
    assertThat(limits.limit("POST", "/api/v1/blobs")).isEqualTo(65536);
    assertThat(limits.limit("PUT", "/api/v1/blobsx")).isEqualTo(65536);
    assertThat(limits.tooLarge("POST", "/api/v1/admin/keys").body().error())
        .isEqualTo("BODY_TOO_LARGE");
  }

  @Test
  void aCommitteeTakesAMebibyteSoAThousandMembersFit() {
    assertThat(limits.limit("PUT", "/api/v1/admin/committees/7")).isEqualTo(1024 * 1024);
    Refusal refusal = limits.tooLarge("PUT", "/api/v1/admin/committees/7");
    assertThat(refusal.body().error()).isEqualTo("BODY_TOO_LARGE");
    assertThat(refusal.body().message()).contains("1048576");
    assertThat(limits.limit("POST", "/api/v1/admin/committees/7")).isEqualTo(65536);
    assertThat(limits.limit("PUT", "/api/v1/admin/committees")).isEqualTo(65536);
    assertThat(limits.limit("PUT", "/api/v1/admin/committeesx/7")).isEqualTo(65536);
  }
}
