package dev.cachet.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachet.blob.BlobHash;
import dev.cachet.node.IdentityKey;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AnnouncementEncodingTest {

  private static final HexFormat HEX = HexFormat.of();

  private static final IdentityKey ANNOUNCER =
      IdentityKey.parse("202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f");
  private static final BlobHash HASH =
      BlobHash.parse("a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf");

  @Test
  void signsTheDocumentedFrameByteForByte() {
    Announcement a =
        new Announcement(0x0102030405060708L, ANNOUNCER, HASH, 65_536, 1_700_000_000_123L);

    // Written out by hand from docs/protocol.md, not produced by the code under test.
    String expected =
        "1c" // u8 length of the tag: 28
            + "6361636865742f6d657461646174612d616e6e6f756e63656d656e74" // cachet/metadata-announcement
            + "01" // u8 version
            + "0102030405060708" // u64 epoch, big-endian
            + "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f" // announcer
            + "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf" // blob hash
            + "0000000000010000" // u64 size
            + "0000018bcfe5687b"; // u64 timestamp in milliseconds

    assertThat(HEX.formatHex(a.frame())).isEqualTo(expected);
    assertThat(a.frame()).hasSize(1 + 28 + 1 + 8 + 32 + 32 + 8 + 8);
  }

  @Test
  void encodesLargeUnsignedFieldsWithoutSignExtension() {
    Announcement a = new Announcement(Long.MAX_VALUE, ANNOUNCER, HASH, Long.MAX_VALUE, 1);

    byte[] frame = a.frame();

    assertThat(HEX.formatHex(frame, 30, 38)).isEqualTo("7fffffffffffffff");
    assertThat(HEX.formatHex(frame, 102, 110)).isEqualTo("7fffffffffffffff");
    assertThat(HEX.formatHex(frame, 110, 118)).isEqualTo("0000000000000001");
  }

  @Test
  void everyFieldChangesTheSignedBytes() {
    Announcement a = new Announcement(7, ANNOUNCER, HASH, 10, 1000);
    IdentityKey other = IdentityKey.of(new byte[32]);

    assertThat(a.frame())
        .isNotEqualTo(new Announcement(8, ANNOUNCER, HASH, 10, 1000).frame())
        .isNotEqualTo(new Announcement(7, other, HASH, 10, 1000).frame())
        .isNotEqualTo(new Announcement(7, ANNOUNCER, BlobHash.of(new byte[0]), 10, 1000).frame())
        .isNotEqualTo(new Announcement(7, ANNOUNCER, HASH, 11, 1000).frame())
        .isNotEqualTo(new Announcement(7, ANNOUNCER, HASH, 10, 1001).frame())
        .isEqualTo(new Announcement(7, ANNOUNCER, HASH, 10, 1000).frame());
  }
}
