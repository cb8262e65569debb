package dev.cachet.web.committee;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachet.committee.Committee;
import dev.cachet.committee.Member;
import dev.cachet.node.IdentityKey;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The committee DTO writes the documented JSON: members by identity key, and the quorums. */
class CommitteeDescriptionTest {

  @Test
  void writesTheMembersInKeyOrderAndTheStakesThatDecide() {
    Committee committee =
        Committee.of(
            7,
            List.of(
                new Member(
                    "bøb",
                    IdentityKey.parse("ab".repeat(32)),
                    50,
                    URI.create("https://node-b.example:443")),
                new Member(
                    "alice",
                    IdentityKey.parse("11".repeat(32)),
                    100,
                    URI.create("http://127.0.0.1:9001"))));
    Jsonb jsonb = JsonbBuilder.create();
    assertThat(jsonb.toJson(CommitteeDescription.of(committee)))
        .isEqualTo(
            "{\"epoch\":7,\"members\":["
                + "{\"identityKey\":\""
                + "11".repeat(32)
                + "\",\"name\":\"alice\",\"stake\":100,\"url\":\"http://127.0.0.1:9001\"},"
                + "{\"identityKey\":\""
                + "ab".repeat(32)
                + "\",\"name\":\"bøb\",\"stake\":50,\"url\":\"https://node-b.example:443\"}],"
                + "\"quorumStake\":101,\"totalStake\":150,\"validityStake\":51}");
  }
}
