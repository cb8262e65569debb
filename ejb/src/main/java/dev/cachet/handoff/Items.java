package dev.cachet.handoff;

import dev.cachet.node.IdentityKey;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A list of items in the one valid order: strictly ascending by {@code (kind, key)}, so no key
 * appears twice for a kind. Its encoding is {@code u32 count || items}.
 */
public final class Items {

  private final List<Item> items;

  private Items(List<Item> items) {
    this.items = List.copyOf(items);
  }

  /**
   * The items as given, which must already be in order.
   *
   * @throws InvalidHandoffException {@code INVALID_ITEMS} if they are not strictly ascending by
   *     (kind, key)
   */
  public static Items ordered(List<Item> items) {
    for (int i = 1; i < items.size(); i++) {
      int c = Item.ORDER.compare(items.get(i - 1), items.get(i));
      if (c == 0) {
        throw new InvalidHandoffException(
            "INVALID_ITEMS", "item key " + items.get(i).key() + " appears twice");
      }
      if (c > 0) {
        throw new InvalidHandoffException(
            "INVALID_ITEMS", "items are not sorted ascending by (kind, key)");
      }
    }
    return new Items(items);
  }

  /** Sorts {@code items}; a key twice for one kind is still refused. */
  public static Items sorted(Collection<Item> items) {
    List<Item> list = new ArrayList<>(items);
    list.sort(Item.ORDER);
    return ordered(list);
  }

  /** The metadata items of {@code (member, blob hash)} pairs. */
  public static Items metadata(java.util.Map<IdentityKey, Hash32> blobs) {
    List<Item> list = new ArrayList<>();
    blobs.forEach((key, hash) -> list.add(new Item(Item.Kind.METADATA, key, hash)));
    return sorted(list);
  }

  public List<Item> list() {
    return items;
  }

  public int size() {
    return items.size();
  }

  /** {@code u32be(count) || item_1 || … || item_n}. */
  public byte[] encode() {
    ByteBuffer out = ByteBuffer.allocate(4 + items.size() * Item.LENGTH);
    out.putInt(items.size());
    for (Item item : items) {
      item.writeTo(out);
    }
    return out.array();
  }

  /** The snapshot digest of these items: BLAKE2b-256 of {@link #encode()}. */
  public Hash32 digest() {
    return Hash32.blake2b(encode());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Items other && items.equals(other.items);
  }

  @Override
  public int hashCode() {
    return items.hashCode();
  }

  @Override
  public String toString() {
    return items.size() + " items";
  }
}
