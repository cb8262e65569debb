/**
 * The chain's slot clock: slots of a fixed duration counted from the genesis time. Pure Java, no
 * {@code jakarta.*}; every capability that thinks in slots asks it, with an injectable {@link
 * java.time.Clock} so tests decide what time it is.
 */
package dev.cachet.clock;
