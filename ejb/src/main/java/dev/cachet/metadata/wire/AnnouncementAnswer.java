package dev.cachet.metadata.wire;

/**
 * The answer to a pushed announcement: taken, or acknowledged without change because the node holds
 * one as new or newer from that announcer ({@code superseded}).
 */
public record AnnouncementAnswer(boolean superseded) {}
