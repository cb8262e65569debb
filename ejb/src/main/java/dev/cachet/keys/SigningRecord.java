package dev.cachet.keys;

import dev.cachet.xmss.XmssParameters;
import dev.cachet.xmss.XmssPublicKey;
import dev.cachet.xmss.XmssSecretSeeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A key's durable state, kept encrypted in the vault: its seeds and public root, the first slot it
 * may sign, and its watermark: the highest slot it signed, with that slot's message and signature,
 * and the few slots it signed just before (so that a client repeating a recent request gets the
 * same signature back). Immutable; every change returns a new record.
 */
public final class SigningRecord {

  /** Recent signed slots kept besides the highest, for replays. */
  static final int HISTORY = 32;

  private final XmssPublicKey publicKey;
  private final XmssSecretSeeds seeds;
  private final long activationSlot;
  private final long firstSignableSlot;
  private final Optional<SignedSlot> highest;
  private final byte[] highestSignature;
  private final List<SignedSlot> history;
  private final boolean retired;

  SigningRecord(
      XmssPublicKey publicKey,
      XmssSecretSeeds seeds,
      long activationSlot,
      long firstSignableSlot,
      Optional<SignedSlot> highest,
      byte[] highestSignature,
      List<SignedSlot> history,
      boolean retired) {
    this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
    this.seeds = Objects.requireNonNull(seeds, "seeds");
    this.activationSlot = activationSlot;
    this.firstSignableSlot = firstSignableSlot;
    this.highest = Objects.requireNonNull(highest, "highest");
    this.highestSignature = highestSignature.clone();
    this.history = List.copyOf(history);
    this.retired = retired;
    if (activationSlot < 0 || firstSignableSlot < 0) {
      throw new IllegalArgumentException("slots must not be negative");
    }
    if (highest.isPresent() != (highestSignature.length > 0)) {
      throw new IllegalArgumentException("the highest signed slot comes with its signature");
    }
  }

  /** A new key that has signed nothing; it may sign from {@code firstSignableSlot} on. */
  public static SigningRecord create(
      XmssPublicKey publicKey, XmssSecretSeeds seeds, long activationSlot, long firstSignableSlot) {
    return new SigningRecord(
        publicKey,
        seeds,
        activationSlot,
        firstSignableSlot,
        Optional.empty(),
        new byte[0],
        List.of(),
        false);
  }

  public XmssPublicKey publicKey() {
    return publicKey;
  }

  public XmssParameters parameters() {
    return publicKey.parameters();
  }

  public XmssSecretSeeds seeds() {
    return seeds;
  }

  public long activationSlot() {
    return activationSlot;
  }

  /** The lowest slot the key may sign: its activation slot, or an imported key's next slot. */
  public long firstSignableSlot() {
    return firstSignableSlot;
  }

  public Optional<SignedSlot> highest() {
    return highest;
  }

  /** The RFC 8391 signature of the highest signed slot (empty if none). */
  public byte[] highestSignature() {
    return highestSignature.clone();
  }

  /** Slots signed before the highest, newest first (at most {@value #HISTORY}). */
  public List<SignedSlot> history() {
    return history;
  }

  public boolean retired() {
    return retired;
  }

  /** The record after signing {@code message} at {@code slot}, which must be above the highest. */
  SigningRecord withSignature(long slot, SigningMessage message, byte[] signature) {
    if (highest.isPresent() && slot <= highest.get().slot()) {
      throw new IllegalStateException("slot " + slot + " is not above the highest signed slot");
    }
    List<SignedSlot> recent = new ArrayList<>();
    highest.ifPresent(recent::add);
    recent.addAll(history.subList(0, Math.min(history.size(), HISTORY - recent.size())));
    return new SigningRecord(
        publicKey,
        seeds,
        activationSlot,
        firstSignableSlot,
        Optional.of(new SignedSlot(slot, message)),
        signature,
        recent,
        retired);
  }

  SigningRecord retire() {
    return new SigningRecord(
        publicKey,
        seeds,
        activationSlot,
        firstSignableSlot,
        highest,
        highestSignature,
        history,
        true);
  }

  @Override
  public String toString() {
    return "SigningRecord["
        + publicKey.parameters().name()
        + ", first signable slot "
        + firstSignableSlot
        + ", highest "
        + highest.map(h -> String.valueOf(h.slot())).orElse("none")
        + (retired ? ", retired" : "")
        + "]";
  }
}
