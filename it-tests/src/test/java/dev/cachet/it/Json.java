package dev.cachet.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;

/** Parses JSON response bodies. */
public final class Json {

  private Json() {}

  public static JsonObject object(HttpResponse<byte[]> response) {
    try (JsonReader reader =
        jakarta.json.Json.createReader(new ByteArrayInputStream(response.body()))) {
      return reader.readObject();
    }
  }
}
