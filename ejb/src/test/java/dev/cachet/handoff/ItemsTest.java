package dev.cachet.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachet.error.CachetException;
import dev.cachet.node.IdentityKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Items are in the one valid order, strictly ascending by (kind, key), or they are refused. */
class ItemsTest {

  private static Item item(int key, String blob) {
    return new Item(
        Item.Kind.METADATA,
        Signers.key(key),
        Hash32.blake2b(blob.getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void unsortedItemsAreInvalid() {
    assertThatThrownBy(() -> Items.ordered(List.of(item(0x22, "b"), item(0x11, "a"))))
        .isInstanceOf(InvalidHandoffException.class)
        .extracting(e -> ((CachetException) e).code())
        .isEqualTo("INVALID_ITEMS");
  }

  @Test
  void aKeyTwiceIsInvalidEvenWithAnotherDigestAndEvenWhenSorting() {
    List<Item> twice = List.of(item(0x11, "a"), item(0x11, "other blob"));
    assertThatThrownBy(() -> Items.ordered(twice))
        .isInstanceOf(InvalidHandoffException.class)
        .hasMessageContaining("twice")
        .extracting(e -> ((CachetException) e).code())
        .isEqualTo("INVALID_ITEMS");
    assertThatThrownBy(() -> Items.sorted(twice))
        .extracting(e -> ((CachetException) e).code())
        .isEqualTo("INVALID_ITEMS");
    List<Item> exactDuplicate = List.of(item(0x11, "a"), item(0x11, "a"));
    assertThatThrownBy(() -> Items.ordered(exactDuplicate))
        .extracting(e -> ((CachetException) e).code())
        .isEqualTo("INVALID_ITEMS");
  }

  @Test
  void keysOrderAsUnsignedBytes() {
    // 0x80 is negative as a Java byte; unsigned it sorts after 0x7f.
    Items items = Items.sorted(List.of(item(0x80, "high"), item(0x7f, "low")));
    assertThat(items.list())
        .extracting(Item::key)
        .containsExactly(Signers.key(0x7f), Signers.key(0x80));
    assertThatThrownBy(() -> Items.ordered(List.of(item(0x80, "high"), item(0x7f, "low"))))
        .isInstanceOf(InvalidHandoffException.class);
  }

  @Test
  void emptyItemsEncodeAsACountOfZero() {
    assertThat(Items.ordered(List.of()).encode()).containsExactly(0, 0, 0, 0);
  }

  @Test
  void metadataItemsAreSortedWhateverTheMapsOrder() {
    Hash32 a = Hash32.blake2b(new byte[] {1});
    Hash32 b = Hash32.blake2b(new byte[] {2});
    IdentityKey low = Signers.key(0x01);
    IdentityKey high = Signers.key(0xfe);
    Items items = Items.metadata(Map.of(high, b, low, a));
    assertThat(items.list())
        .containsExactly(
            new Item(Item.Kind.METADATA, low, a), new Item(Item.Kind.METADATA, high, b));
    assertThat(items.encode()).hasSize(4 + 2 * Item.LENGTH);
  }
}
