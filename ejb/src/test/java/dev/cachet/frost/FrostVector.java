package dev.cachet.frost;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One published RFC 9591 vector file (layout in shared/vectors/README.md), parsed as it is: hex
 * strings stay hex strings, so a file of an unimplemented suite parses too.
 */
record FrostVector(
    Path file,
    String suiteName,
    int maxParticipants,
    int minParticipants,
    List<Integer> participantList,
    String groupSecretKey,
    String groupPublicKey,
    String message,
    List<String> coefficients,
    Map<Integer, String> participantShares,
    Map<Integer, RoundOne> roundOne,
    Map<Integer, String> signatureShares,
    String signature) {

  /** One participant's round-one values. */
  record RoundOne(
      String hidingNonceRandomness,
      String bindingNonceRandomness,
      String hidingNonce,
      String bindingNonce,
      String hidingNonceCommitment,
      String bindingNonceCommitment,
      String bindingFactorInput,
      String bindingFactor) {}

  static final HexFormat HEX = HexFormat.of();

  static FrostVector read(Path file) {
    JsonObject root;
    try (JsonReader reader = Json.createReader(Files.newBufferedReader(file))) {
      root = reader.readObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JsonObject config = root.getJsonObject("config");
    JsonObject inputs = root.getJsonObject("inputs");
    Map<Integer, String> shares = new TreeMap<>();
    for (JsonValue v : inputs.getJsonArray("participant_shares")) {
      JsonObject share = v.asJsonObject();
      shares.put(share.getInt("identifier"), share.getString("participant_share"));
    }
    Map<Integer, RoundOne> roundOne = new TreeMap<>();
    for (JsonValue v : root.getJsonObject("round_one_outputs").getJsonArray("outputs")) {
      JsonObject o = v.asJsonObject();
      roundOne.put(
          o.getInt("identifier"),
          new RoundOne(
              o.getString("hiding_nonce_randomness"),
              o.getString("binding_nonce_randomness"),
              o.getString("hiding_nonce"),
              o.getString("binding_nonce"),
              o.getString("hiding_nonce_commitment"),
              o.getString("binding_nonce_commitment"),
              o.getString("binding_factor_input"),
              o.getString("binding_factor")));
    }
    Map<Integer, String> sigShares = new TreeMap<>();
    for (JsonValue v : root.getJsonObject("round_two_outputs").getJsonArray("outputs")) {
      JsonObject o = v.asJsonObject();
      sigShares.put(o.getInt("identifier"), o.getString("sig_share"));
    }
    return new FrostVector(
        file,
        config.getString("name"),
        Integer.parseInt(config.getString("MAX_PARTICIPANTS")),
        Integer.parseInt(config.getString("MIN_PARTICIPANTS")),
        inputs.getJsonArray("participant_list").getValuesAs(JsonValue.class).stream()
            .map(v -> Integer.parseInt(v.toString()))
            .toList(),
        inputs.getString("group_secret_key"),
        inputs.getString("group_public_key"),
        inputs.getString("message"),
        inputs.getJsonArray("share_polynomial_coefficients").getValuesAs(JsonValue.class).stream()
            .map(v -> ((jakarta.json.JsonString) v).getString())
            .toList(),
        shares,
        roundOne,
        sigShares,
        root.getJsonObject("final_output").getString("sig"));
  }

  static byte[] bytes(String hex) {
    return HEX.parseHex(hex);
  }

  @Override
  public String toString() {
    return suiteName;
  }
}
