package dev.cachet.web.error;

import java.util.List;

/**
 * The JSON body of every error response: {@code {"error": "CODE", "message": "…"}}, and for a
 * peer's fault {@code "peers": [...]}, the peers at fault (absent otherwise: JSON-B leaves out
 * nulls).
 */
public record ErrorBody(String error, String message, List<String> peers) {

  public ErrorBody(String error, String message) {
    this(error, message, null);
  }
}
