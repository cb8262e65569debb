package dev.cachet.keys;

/**
 * What the read API shows of a key. {@code root}, {@code publicSeed} and {@code publicKey} (the RFC
 * 8391 / BouncyCastle encoding) are hex and absent while the key is being generated; the window is
 * absent until one is prepared; {@code highestSignedSlot} is absent before the first signature;
 * {@code preparation} is present while a preparation that builds trees runs or waits for a thread
 * (a stored window being loaded is {@code preparing} without it).
 */
public record KeyView(
    long validatorIndex,
    KeyRole role,
    int height,
    int layers,
    String root,
    String publicSeed,
    String publicKey,
    Long activationSlot,
    Long fromSlot,
    Long toSlot,
    boolean preparing,
    Long preparingTree,
    PreparationProgress preparation,
    KeyState state,
    Long highestSignedSlot,
    long slotsLeft) {}
