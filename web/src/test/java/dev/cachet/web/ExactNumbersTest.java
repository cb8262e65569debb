package dev.cachet.web;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachet.error.InvalidRequestException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every value that JSON-B would coerce into another number is refused, naming its field. */
class ExactNumbersTest {

  record Request(Long slot, Integer height, String message, long count) {}

  record Entry(String name, Long stake) {}

  record Nested(Entry first, List<Entry> entries, List<String> names) {}

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  private static void refused(String body, String field) {
    assertThatThrownBy(() -> ExactNumbers.check(json(body), Request.class))
        .isInstanceOf(InvalidRequestException.class)
        .hasFieldOrPropertyWithValue("code", "INVALID_NUMBER")
        .hasMessageStartingWith(field + " ");
  }

  @Test
  void refusesWrappedFractionalExponentAndStringNumbers() {
    refused("{\"slot\": 18446744073709551644}", "slot"); // 2^64 + 28
    refused("{\"slot\": 36893488147419103261}", "slot"); // 2^65 + 29
    refused("{\"slot\": -18446744073709551582}", "slot"); // -2^64 + 34
    refused("{\"slot\": 31.9}", "slot");
    refused("{\"slot\": 31.0}", "slot");
    refused("{\"slot\": 1e400}", "slot");
    refused("{\"slot\": 1E2}", "slot");
    refused("{\"slot\": \"33\"}", "slot");
    refused("{\"slot\": true}", "slot");
    refused("{\"height\": 4294967304}", "height"); // 2^32 + 8
    refused("{\"height\": 2147483648}", "height");
    refused("{\"count\": 9223372036854775808}", "count");
  }

  @Test
  void acceptsExactIntegersAndLeavesOtherFieldsAlone() {
    assertThatCode(
            () ->
                ExactNumbers.check(
                    json(
                        "{\"slot\": 9223372036854775807, \"height\": 60, \"message\": \"1e3\","
                            + " \"count\": -1}"),
                    Request.class))
        .doesNotThrowAnyException();
    assertThatCode(() -> ExactNumbers.check(json("{\"slot\": null}"), Request.class))
        .doesNotThrowAnyException();
    assertThatCode(() -> ExactNumbers.check(json("{}"), Request.class)).doesNotThrowAnyException();
  }

  @Test
  void checksRecordsNestedInAFieldOrAListNamingTheirPath() {
    assertThatThrownBy(
            () ->
                ExactNumbers.check(
                    json("{\"entries\": [{\"stake\": 1}, {\"stake\": 18446744073709551716}]}"),
                    Nested.class))
        .isInstanceOf(InvalidRequestException.class)
        .hasFieldOrPropertyWithValue("code", "INVALID_NUMBER")
        .hasMessageStartingWith("entries[1].stake ");
    assertThatThrownBy(
            () -> ExactNumbers.check(json("{\"first\": {\"stake\": \"5\"}}"), Nested.class))
        .hasMessageStartingWith("first.stake ");
    assertThatThrownBy(
            () -> ExactNumbers.check(json("{\"entries\": [{\"stake\": 2.5}]}"), Nested.class))
        .hasMessageStartingWith("entries[0].stake ");
    assertThatCode(
            () ->
                ExactNumbers.check(
                    json(
                        "{\"first\": null, \"entries\": [null, 3, {\"stake\": 9223372036854775807}],"
                            + " \"names\": [\"1e3\"]}"),
                    Nested.class))
        .as("what is not a nested record is left to the binding")
        .doesNotThrowAnyException();
  }
}
