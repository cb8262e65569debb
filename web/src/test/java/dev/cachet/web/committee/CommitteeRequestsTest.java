package dev.cachet.web.committee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachet.committee.Committee;
import dev.cachet.committee.Committees;
import dev.cachet.error.CachetException;
import dev.cachet.web.JsonBodies;
import dev.cachet.web.edge.BodyLimits;
import dev.cachet.web.validation.Violations;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A committee request as the admin endpoint reads it (the node's JSON reader, Hibernate Validator)
 * and the core committee it becomes: every refusal with the code README documents, before anything
 * could be stored.
 */
class CommitteeRequestsTest {

  static final String KEY_A = "aa".repeat(32);
  static final String KEY_B = "bb".repeat(32);

  private static ValidatorFactory factory;
  private static JsonBodies json;

  @BeforeAll
  static void open() throws Exception {
    factory = Validation.buildDefaultValidatorFactory();
    json = new JsonBodies();
    Field validator = JsonBodies.class.getDeclaredField("validator");
    validator.setAccessible(true);
    validator.set(json, factory.getValidator());
  }

  @AfterAll
  static void close() {
    factory.close();
  }

  static String member(String name, String key, String stake, String url) {
    return "{\"name\":\"%s\",\"identityKey\":\"%s\",\"stake\":%s,\"url\":\"%s\"}"
        .formatted(name, key, stake, url);
  }

  static String body(String... members) {
    return "{\"members\":[" + String.join(",", members) + "]}";
  }

  /** What the endpoint makes of {@code body} for epoch 7, or the refusal's code. */
  private static Committee read(String body) {
    try {
      return CommitteeRequests.committee(
          7,
          json.read(
              new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
              CommitteeRequests.SetCommittee.class,
              BodyLimits.COMMITTEE_MAX_BYTES));
    } catch (ConstraintViolationException e) {
      throw Violations.refusal(e.getConstraintViolations());
    }
  }

  private static void refused(String body, String code) {
    assertThatThrownBy(() -> read(body))
        .as(body.length() > 300 ? body.substring(0, 300) : body)
        .isInstanceOf(CachetException.class)
        .extracting("code")
        .isEqualTo(code);
  }

  @Test
  void readsTheMembersIntoACommitteeInKeyOrder() {
    Committee committee =
        read(
            body(
                member("b", KEY_B, "2", "http://127.0.0.1:9002"),
                member("a", KEY_A, "9223372036854775805", "https://Node-A.example:0443")));
    assertThat(committee.epoch()).isEqualTo(7);
    assertThat(committee.members())
        .extracting(m -> m.identityKey().hex())
        .containsExactly(KEY_A, KEY_B);
    assertThat(committee.members().get(0).url()).hasToString("https://node-a.example:443");
    assertThat(committee.totalStake()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void readsAMembersCheckpointDutyAllThreeFieldsOrNone() {
    String withDuty =
        "{\"name\":\"a\",\"identityKey\":\"%s\",\"stake\":1,\"url\":\"http://127.0.0.1:9001\","
                .formatted(KEY_A)
            + "\"validatorIndex\":12,\"attestationKey\":\""
            + "0a".repeat(68)
            + "\",\"proposalKey\":\""
            + "0b".repeat(68)
            + "\"}";
    Committee committee = read(body(withDuty, member("b", KEY_B, "2", "http://127.0.0.1:9002")));
    assertThat(committee.members().get(0).duty().orElseThrow().validatorIndex()).isEqualTo(12);
    assertThat(committee.members().get(0).duty().orElseThrow().proposalKey()).hasSize(68);
    assertThat(committee.members().get(1).duty()).isEmpty();
    refused(
        body(withDuty.replace(",\"proposalKey\":\"" + "0b".repeat(68) + "\"", "")),
        "INVALID_COMMITTEE");
    refused(body(withDuty.replace("0a".repeat(68), "0A".repeat(68))), "INVALID_COMMITTEE");
    refused(
        body(withDuty.replace("\"validatorIndex\":12", "\"validatorIndex\":1.5")),
        "INVALID_NUMBER");
  }

  @Test
  void refusesWhatCannotBeACommittee() {
    String a = member("a", KEY_A, "1", "http://127.0.0.1:9001");
    refused(body(a, member("again", KEY_A, "1", "http://127.0.0.1:9009")), "INVALID_COMMITTEE");
    refused(body(member("a", KEY_A, "0", "http://127.0.0.1:9001")), "INVALID_COMMITTEE");
    refused(body(member("a", KEY_A, "-5", "http://127.0.0.1:9001")), "INVALID_COMMITTEE");
    refused(body(), "INVALID_COMMITTEE");
    refused("{}", "INVALID_COMMITTEE");
    refused("{\"members\":null}", "INVALID_COMMITTEE");
    refused("{\"members\":[null]}", "INVALID_COMMITTEE");
    refused(body(member("a", KEY_A, "1", "http://127.0.0.1")), "INVALID_COMMITTEE");
    refused(body(member("a", KEY_A, "1", "127.0.0.1:9001")), "INVALID_COMMITTEE");
    refused(body(member("a", KEY_A, "1", "http://127.0.0.1:9001/path")), "INVALID_COMMITTEE");
    refused(body(member(" ", KEY_A, "1", "http://127.0.0.1:9001")), "INVALID_COMMITTEE");
    refused(
        body(
            member("a", KEY_A, "9223372036854775807", "http://a:1"),
            member("b", KEY_B, "1", "http://b:1")),
        "INVALID_COMMITTEE");
    for (String field : List.of("name", "identityKey", "stake", "url")) {
      JsonObject full = Json.createReader(new StringReader(a)).readObject();
      String without = Json.createObjectBuilder(full).remove(field).build().toString();
      assertThatThrownBy(() -> read(body(without)))
          .as(without)
          .hasMessageContaining("members[0]." + field + " is required")
          .extracting("code")
          .isEqualTo("INVALID_COMMITTEE");
    }
  }

  @Test
  void refusesMoreThanAThousandMembersWithinTheBodyLimit() {
    Function<Integer, String> members =
        n -> {
          List<String> list = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            list.add(
                member(
                    "validator-" + i,
                    "%064x".formatted(i),
                    "32000000000",
                    "http://validator-" + i + ".example:9000"));
          }
          return body(list.toArray(String[]::new));
        };
    String thousand = members.apply(Committee.MAX_MEMBERS);
    assertThat(thousand.length()).isLessThan(BodyLimits.COMMITTEE_MAX_BYTES);
    assertThat(read(thousand).members()).hasSize(Committee.MAX_MEMBERS);
    refused(members.apply(Committee.MAX_MEMBERS + 1), "INVALID_COMMITTEE");
  }

  @Test
  void refusesAnIdentityKeyThatIsNotSixtyFourLowercaseHex() {
    for (String key : List.of(KEY_A.toUpperCase(), "abc", KEY_A + "00", "zz".repeat(32))) {
      refused(body(member("a", key, "1", "http://127.0.0.1:9001")), "INVALID_IDENTITY_KEY");
    }
  }

  @Test
  void refusesStakesThatAreNotExactIntegersNamingTheMember() {
    String b = member("b", KEY_B, "1", "http://127.0.0.1:9002");
    for (String stake : List.of("1.5", "1e3", "\"5\"", "18446744073709551617", "true")) {
      assertThatThrownBy(() -> read(body(b, member("a", KEY_A, stake, "http://127.0.0.1:9001"))))
          .as(stake)
          .hasMessageStartingWith("members[1].stake ")
          .extracting("code")
          .isEqualTo("INVALID_NUMBER");
    }
  }

  @Test
  void refusesJsonThatIsNotACommitteeRequest() {
    for (String bad :
        List.of("", "[]", "{\"members\":", "{\"members\":5}", "{\"members\":[5]}", "null")) {
      refused(bad, "MALFORMED_JSON");
    }
  }

  @Test
  void refusesAnEpochThatIsNotAWholeNumberFromZero() {
    assertThat(CommitteeRequests.epoch("0")).isZero();
    assertThat(CommitteeRequests.epoch("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    for (String bad : List.of("-1", "+1", "1.0", "x", "", "9223372036854775808", "1e3", " 1")) {
      assertThatThrownBy(() -> CommitteeRequests.epoch(bad))
          .as(bad)
          .isInstanceOf(CachetException.class)
          .extracting("code")
          .isEqualTo("INVALID_EPOCH");
    }
  }

  @Test
  void theOutcomesAreTheOnesTheEndpointAnswers() {
    // 201 for CREATED, 200 for UNCHANGED: the resource branches on these two and no other.
    assertThat(Committees.Outcome.values())
        .containsExactly(Committees.Outcome.CREATED, Committees.Outcome.UNCHANGED);
  }
}
