package dev.cachet.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;

/** Assertions on the blob API shared by the Payara Micro and the Payara Server tests. */
public final class BlobApiChecks {

  private BlobApiChecks() {}

  /** Stores {@code bytes} and checks the answer; returns the hash. */
  public static String storesNew(Http http, byte[] bytes) {
    String hash = Blake2b.hex(bytes);
    HttpResponse<byte[]> put = http.putBytes("api/v1/blobs", bytes);
    assertThat(put.statusCode()).as(Http.text(put)).isEqualTo(201);
    JsonObject body = Json.object(put);
    assertThat(body.getString("hash")).isEqualTo(hash);
    assertThat(body.getJsonNumber("size").longValue()).isEqualTo(bytes.length);
    assertThat(put.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/blobs/" + hash));
    return hash;
  }

  /** Reads a stored blob back and checks bytes and caching headers. */
  public static void servesBack(Http http, String hash, byte[] bytes) {
    HttpResponse<byte[]> get = http.get("api/v1/blobs/" + hash);
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.body()).isEqualTo(bytes);
    assertThat(get.headers().firstValue("ETag")).contains("\"" + hash + "\"");
    assertThat(get.headers().firstValue("Content-Type")).contains("application/octet-stream");
    assertThat(get.headers().firstValue("Cache-Control"))
        .hasValueSatisfying(
            cc -> assertThat(cc).contains("immutable").contains("max-age=31536000"));
  }

  /** Checks the JSON error body and status. */
  public static void isError(HttpResponse<byte[]> response, int status, String code) {
    assertThat(response.statusCode()).as(Http.text(response)).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
    JsonObject body = Json.object(response);
    assertThat(body.getString("error")).isEqualTo(code);
    assertThat(body.getString("message")).isNotBlank();
  }
}
