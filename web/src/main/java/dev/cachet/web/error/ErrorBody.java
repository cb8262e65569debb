package dev.cachet.web.error;

/** The JSON body of every error response: {@code {"error": "CODE", "message": "…"}}. */
public record ErrorBody(String error, String message) {}
