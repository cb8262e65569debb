package dev.cachet.state;

/** What an update did: the record's generation after it, and whether it persisted anything. */
public record UpdateOutcome(String name, long generation, boolean persisted) {}
