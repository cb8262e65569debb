package dev.cachet.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachet.it.Http;
import dev.cachet.it.Json;
import dev.cachet.it.KeyClient;
import dev.cachet.it.MicroNode;
import dev.cachet.xmss.RetainedLevels;
import dev.cachet.xmss.XmssKeys;
import dev.cachet.xmss.XmssParameters;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.logging.Level;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;

/**
 * The operator's status page (issue 16) in headless Chromium, against a node this test starts: a
 * committee of the node and an absent peer, the node's validator with its two keys, and a key of 2
 * x 32,768 leaves generated while the page watches. The page must draw every panel without a
 * console error, reveal the vault only with the right admin token and say so plainly when the token
 * is wrong, show the key's progress bar moving and then the key ACTIVE, fit a phone, and keep
 * drawing the other panels when one fails. Pictures of the whole page go to {@code target/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatusPageIT {

  private static final Duration WITHIN = Duration.ofMinutes(3);

  /**
   * 2 x 32,768 leaves: about 20 s of generation on one preparation thread here, so that the page,
   * redrawn every 2 s, shows the bar at several points.
   */
  private static final XmssParameters WATCHED = new XmssParameters(30, 2);

  private static final long WATCHED_VALIDATOR = 9;
  private static final long VALIDATOR = 1;
  private static final int WIDTH = 1400;

  private static MicroNode node;
  private static KeyClient keys;
  private static HeadlessChromium browser;
  private static ChromeDriver page;

  @BeforeAll
  static void start() throws Exception {
    // The browser first: without Chromium the test fails at once, saying what to install.
    browser = HeadlessChromium.start(WIDTH, 1000);
    page = browser.driver();
    node =
        new MicroNode(
                Path.of(System.getProperty("cachet.browser-data-dir")),
                Map.of(
                    "CACHET_STATE_KEY_PROVIDER", "env",
                    "CACHET_STATE_KEY_HEX", "5a".repeat(32),
                    "CACHET_CHAIN_GENESIS_TIME", Long.toString(Instant.now().getEpochSecond()),
                    "CACHET_CHAIN_SECONDS_PER_SLOT", "2",
                    "CACHET_CHAIN_SLOTS_PER_EPOCH", "150"))
            .withPeerListener();
    node.start();
    keys = new KeyClient(node.http(), node.adminToken());
    for (String role : List.of("attestation", "proposal")) {
      HttpResponse<byte[]> generated = keys.generate(VALIDATOR, role, 20, 2);
      assertThat(generated.statusCode()).as(Http.text(generated)).isEqualTo(202);
    }
    JsonObject attestation = keys.awaitState(VALIDATOR, "attestation", "ACTIVE", WITHIN);
    JsonObject proposal = keys.awaitState(VALIDATOR, "proposal", "ACTIVE", WITHIN);
    String committee =
        "{\"members\":[{\"name\":\"this-node\",\"identityKey\":\""
            + identityKey()
            + "\",\"stake\":100,\"url\":\""
            + node.peerUrl()
            + "\",\"validatorIndex\":"
            + VALIDATOR
            + ",\"attestationKey\":\""
            + attestation.getString("publicKey")
            + "\",\"proposalKey\":\""
            + proposal.getString("publicKey")
            + "\"},{\"name\":\"absent-peer\",\"identityKey\":\""
            + HexFormat.of()
                .formatHex(
                    new Ed25519PrivateKeyParameters(new SecureRandom())
                        .generatePublicKey()
                        .getEncoded())
            + "\",\"stake\":10,\"url\":\"http://127.0.0.1:9\"}]}";
    for (long epoch = 0; epoch <= 1; epoch++) {
      HttpResponse<byte[]> set =
          node.http().putJson("api/v1/admin/committees/" + epoch, committee, node.adminToken());
      assertThat(set.statusCode()).as(Http.text(set)).isIn(200, 201);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (node != null) {
        node.close();
      }
    }
  }

  @Test
  @Order(1)
  void drawsEveryPanelFromThePublicApiWithoutAConsoleError() {
    page.get(node.http().uri("/").toString());
    awaitRefreshes(2);

    for (String panel : List.of("node", "keys", "committee", "keysign", "checkpoints", "chart")) {
      assertThat(panelState(panel)).as(panel).isEqualTo("ok");
    }
    assertThat(text("#node")).contains("Readiness").contains("H2").contains("of 150");
    assertThat(exists("#node [role=progressbar]")).isTrue();
    assertThat(exists("#keys tr[data-key='1/attestation']")).isTrue();
    assertThat(text("#committee")).contains("this-node").contains("absent-peer");
    assertThat(text("#vault")).contains("Admin token needed");
    assertThat(text("#node")).contains("Admin token needed");
    assertThat(text("header")).contains("State vault");
    assertThat(unexpectedSevere(browser.log(), entry -> false)).isEmpty();
  }

  @Test
  @Order(2)
  void aWrongAdminTokenIsToldPlainlyAndTheRightOneRevealsTheVault() throws IOException {
    enterToken("not-the-admin-token-0123456789");
    await(
        () -> {
          WebElement message = page.findElement(By.id("token-message"));
          return message.isDisplayed() && message.getText().contains("refused this admin token");
        },
        WITHIN,
        "the refused-token message");
    assertThat(text("#vault")).contains("Admin token needed");
    assertThat(panelState("node")).isEqualTo("ok");
    assertThat(page.findElement(By.id("token-form")).isDisplayed()).isTrue();
    assertThat(unexpectedSevere(browser.log(), StatusPageIT::isRefusedToken)).isEmpty();

    String token = node.adminToken();
    enterToken(token);
    await(() -> exists("#vault tr[data-record='node/identity']"), WITHIN, "the vault's records");
    assertThat(text("#vault")).contains("Key provider: env").contains("Rewrap records");
    assertThat(page.findElement(By.id("token-message")).isDisplayed()).isFalse();
    assertThat(page.findElement(By.id("token-form")).isDisplayed()).as("asked once").isFalse();
    assertThat(page.findElement(By.id("token-on")).isDisplayed()).isTrue();
    await(() -> text("#node").contains("Version"), WITHIN, "the node's version");
    assertThat(browser.script("return document.querySelector('#node .hex').title;"))
        .isEqualTo(identityKey());

    // The rewrap, the page's only write, asks first; cancelled, nothing is sent.
    clickButton("#vault", "Rewrap records");
    await(() -> text("#vault").contains("Re-encrypt every record"), WITHIN, "the confirmation");
    clickButton("#vault", "Cancel");
    await(() -> !text("#vault").contains("Re-encrypt every record"), WITHIN, "no confirmation");
    assertThat(text("#vault")).doesNotContain("Rewrapped");
    clickButton("#vault", "Rewrap records");
    await(() -> text("#vault").contains("Re-encrypt every record"), WITHIN, "the confirmation");
    clickButton("#vault", "Yes, rewrap");
    await(
        () -> text("#vault").contains("Rewrapped: 0 record(s)."),
        WITHIN,
        "the rewrap's answer (every record is under the current key already)");

    // Kept for this tab only, never in the page or its address; asked for once.
    assertThat(page.getPageSource()).doesNotContain(token);
    assertThat(page.getCurrentUrl()).doesNotContain(token);
    assertThat(browser.script("return sessionStorage.getItem('cachet.adminToken');"))
        .isEqualTo(token);
    assertThat(browser.script("return localStorage.length;")).isEqualTo(0L);
    page.navigate().refresh();
    await(
        () -> exists("#vault tr[data-record='node/identity']"),
        WITHIN,
        "the vault after a reload, without the token entered again");
    assertThat(unexpectedSevere(browser.log(), entry -> false)).isEmpty();
  }

  @Test
  @Order(3)
  void showsAKeyGeneratingWithItsProgressBarMovingThenActiveAndSavesAPictureOfThePage()
      throws IOException {
    awaitRefreshes(15); // half a minute of the chart since the reload, for the picture
    long slot = keys.currentSlot();
    long total = XmssKeys.leavesToGenerate(WATCHED, slot, RetainedLevels.DEFAULT);
    HttpResponse<byte[]> generated =
        keys.generate(WATCHED_VALIDATOR, "ATTESTATION", WATCHED.totalHeight(), WATCHED.layers());
    assertThat(generated.statusCode()).as(Http.text(generated)).isEqualTo(202);

    List<Long> shown = new ArrayList<>(); // leaves done, as the page's bar showed them
    List<Long> served = new ArrayList<>(); // leaves done, as the key API served them
    Path picture = Path.of(System.getProperty("cachet.screenshot-dir"), "status-page.png");
    boolean[] pictured = {false};
    String row = "#keys tr[data-key='" + WATCHED_VALIDATOR + "/attestation']";
    await(
        () -> {
          JsonObject key = keys.key(WATCHED_VALIDATOR, "attestation");
          if (key.getString("state").equals("PREPARING")) {
            JsonObject preparation = key.getJsonObject("preparation");
            assertThat(preparation).as("served while the key is generated").isNotNull();
            assertThat(preparation.getJsonNumber("leavesTotal").longValue()).isEqualTo(total);
            served.add(preparation.getJsonNumber("leavesDone").longValue());
          }
          // One script reads the row at once: the page redraws it between WebDriver calls.
          @SuppressWarnings("unchecked")
          Map<String, String> seen =
              (Map<String, String>)
                  browser.script(
                      "const row = document.querySelector(arguments[0]);"
                          + " if (!row) { return null; }"
                          + " const bar = row.querySelector('[role=progressbar]');"
                          + " return {state: row.querySelector('.badge').textContent,"
                          + " done: bar && bar.getAttribute('aria-valuenow'),"
                          + " max: bar && bar.getAttribute('aria-valuemax')};",
                      row);
          if (seen == null) {
            return false;
          }
          String state = seen.get("state");
          if (state.equals("PREPARING") && seen.get("done") != null) {
            assertThat(seen.get("max")).isEqualTo(Long.toString(total));
            long done = Long.parseLong(seen.get("done"));
            if (shown.isEmpty() || shown.get(shown.size() - 1) != done) {
              shown.add(done);
            }
            if (shown.size() == 2 && !pictured[0]) { // the bar moves: the picture for the README
              try {
                browser.screenshotWholePage(picture, WIDTH);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              pictured[0] = true;
            }
          }
          return state.equals("ACTIVE");
        },
        Duration.ofMinutes(10),
        "the watched key ACTIVE on the page");

    assertThat(shown).as("the bar's leaves done, in the order shown").isSorted();
    assertThat(shown.stream().distinct().count()).as("the bar moved: %s", shown).isGreaterThan(1);
    assertThat(shown).anyMatch(done -> done > 0 && done < total);
    assertThat(served).as("leaves done, as served").isSorted().isNotEmpty();
    assertThat(served.get(served.size() - 1)).isLessThanOrEqualTo(total);
    assertThat(pictured[0]).isTrue();
    long documentHeight =
        ((Number) browser.script("return document.documentElement.scrollHeight;")).longValue();
    int[] size = pngSize(picture);
    assertThat(size[0]).isGreaterThanOrEqualTo(WIDTH - 20);
    assertThat(size[1]).as("the whole page, not the window").isGreaterThan(1000);
    assertThat(size[1] + 200L).isGreaterThanOrEqualTo(documentHeight);

    // Then its next tree is prepared; once none is built, the API has no preparation and the page
    // no bar.
    JsonObject idle =
        poll(
            () -> keys.key(WATCHED_VALIDATOR, "attestation"),
            key -> !key.getBoolean("preparing"),
            Duration.ofMinutes(10));
    assertThat(!idle.containsKey("preparation") || idle.get("preparation") == JsonValue.NULL)
        .as("no preparation once none runs: %s", idle)
        .isTrue();
    await(
        () -> !exists(row + " [role=progressbar]") && text(row).contains("ACTIVE"),
        WITHIN,
        "the watched key without a bar");
    assertThat(unexpectedSevere(browser.log(), entry -> false)).isEmpty();
  }

  @Test
  @Order(4)
  void fitsAPhoneSizedWindowInOneColumn() throws IOException {
    browser.resize(390, 844);
    try {
      awaitRefreshes(1);
      assertThat(
              (Boolean)
                  browser.script(
                      "return document.documentElement.scrollWidth <= window.innerWidth;"))
          .as("no sideways scrolling of the page")
          .isTrue();
      @SuppressWarnings("unchecked")
      List<Map<String, Number>> boxes =
          (List<Map<String, Number>>)
              browser.script(
                  "return [...document.querySelectorAll('.panel')].map(p => {"
                      + " const r = p.getBoundingClientRect();"
                      + " return {left: r.left, right: r.right, width: window.innerWidth}; });");
      assertThat(boxes).hasSize(7);
      for (Map<String, Number> box : boxes) {
        assertThat(box.get("right").doubleValue())
            .isLessThanOrEqualTo(box.get("width").doubleValue());
        assertThat(box.get("left").doubleValue()).isEqualTo(boxes.get(0).get("left").doubleValue());
      }
      browser.screenshotWholePage(
          Path.of(System.getProperty("cachet.screenshot-dir"), "status-page-phone.png"), 390);
    } finally {
      browser.resize(WIDTH, 1000);
    }
    assertThat(unexpectedSevere(browser.log(), entry -> false)).isEmpty();
  }

  @Test
  @Order(5)
  void aPanelThatFailsShowsItsOwnErrorAndTheOthersKeepDrawing() {
    // The keys endpoint answers nonsense: the keys panel cannot draw it.
    browser.script(
        "window.__fetch = window.fetch;"
            + " window.fetch = (input, init) => String(input).startsWith('/api/v1/keys')"
            + " ? Promise.resolve(new Response('{\"keys\": 5}', {status: 200,"
            + " headers: {'Content-Type': 'application/json'}}))"
            + " : window.__fetch(input, init);");
    try {
      await(() -> "error".equals(panelState("keys")), WITHIN, "the keys panel's error");
      assertThat(text("#keys")).contains("This panel could not be drawn");
      long before = refreshes();
      awaitRefreshes(2);
      assertThat(refreshes()).isGreaterThan(before);
      for (String panel : List.of("node", "vault", "committee", "checkpoints", "chart")) {
        assertThat(panelState(panel)).as(panel).isEqualTo("ok");
      }
      assertThat(text("#vault")).contains("node/identity");
      List<LogEntry> severe = unexpectedSevere(browser.log(), entry -> false);
      assertThat(severe).as("the page says what failed, and only that").isNotEmpty();
      assertThat(severe).allMatch(e -> e.getMessage().contains("the keys panel failed"));
    } finally {
      browser.script("window.fetch = window.__fetch;");
    }
    await(() -> "ok".equals(panelState("keys")), WITHIN, "the keys panel again");
  }

  @Test
  @Order(6)
  void drawsAKeysignChainFromItsGaugesAndItsStatus() {
    // A chain needs a key dealt to two nodes or more; this node has none, so the page is given a
    // chain's metrics and status as the README documents them (GET /api/v1/keysign/{chainId}).
    String metrics =
        "cachet_keysign_low{chain=\"7\",mp_scope=\"application\"} 40\n"
            + "cachet_keysign_digests_pending{chain=\"7\",mp_scope=\"application\"} 3\n"
            + "cachet_keysign_aborts_total{cause=\"timeout\",chain=\"7\",mp_scope=\"application\"} 2.0\n"
            + "cachet_keysign_aborts_total{cause=\"invalid_share\",chain=\"7\",mp_scope=\"application\"}"
            + " 1.0\n";
    String chain =
        "{\"batchSize\":10,\"batchesSigned\":3,\"chainId\":7,\"digestsSigned\":30,"
            + "\"high\":43,\"keyId\":\"main\",\"low\":40,\"pending\":[40,41,42],\"pendingCount\":3,"
            + "\"session\":{\"attempt\":1,\"batch\":4,\"coordinating\":false,\"coordinator\":\""
            + "ab".repeat(32)
            + "\"}}";
    browser.script(
        "const extra = arguments[0]; const chain = arguments[1];"
            + " window.__fetch = window.fetch;"
            + " window.fetch = async (input, init) => {"
            + "   const path = String(input);"
            + "   if (path.startsWith('/metrics')) {"
            + "     const real = await window.__fetch(input, init);"
            + "     return new Response((await real.text()) + extra, {status: real.status});"
            + "   }"
            + "   if (path === '/api/v1/keysign/7') {"
            + "     return new Response(chain, {status: 200,"
            + "       headers: {'Content-Type': 'application/json'}});"
            + "   }"
            + "   return window.__fetch(input, init);"
            + " };",
        metrics,
        chain);
    try {
      String row = "#keysign tr[data-chain='7']";
      await(() -> exists(row), WITHIN, "the chain's row");
      assertThat(panelState("keysign")).isEqualTo("ok");
      assertThat(text(row))
          .contains("main")
          .contains("40")
          .contains("43")
          .contains("batch 4, attempt 1")
          .contains("3 (timeout 2, invalid_share 1)");
      assertThat(unexpectedSevere(browser.log(), entry -> false)).isEmpty();
    } finally {
      browser.script("window.fetch = window.__fetch;");
    }
    await(() -> !exists("#keysign tr[data-chain='7']"), WITHIN, "the node's own keysign again");
  }

  // ---- helpers

  private static String identityKey() {
    return poll(
            () -> {
              HttpResponse<byte[]> answer =
                  node.http()
                      .send(
                          node.http()
                              .request("api/v1/admin/node")
                              .header("Authorization", "Bearer " + keys.adminToken())
                              .build());
              return answer.statusCode() == 200 ? Json.object(answer) : null;
            },
            status -> status != null && status.containsKey("identityKey"),
            WITHIN)
        .getString("identityKey");
  }

  /** Clicks the button of {@code panel} whose text starts with {@code label}, in one script. */
  private static void clickButton(String panel, String label) {
    Object clicked =
        browser.script(
            "const b = [...document.querySelectorAll(arguments[0] + ' button')]"
                + ".find(b => b.textContent.startsWith(arguments[1]));"
                + " if (!b) { return false; } b.click(); return true;",
            panel,
            label);
    assertThat(clicked).as("a button %s in %s", label, panel).isEqualTo(true);
  }

  private static void enterToken(String token) {
    WebElement input = page.findElement(By.id("token-input"));
    input.clear();
    input.sendKeys(token);
    page.findElement(By.cssSelector("#token-form button[type=submit]")).click();
  }

  /**
   * The text an element shows, read by one script: the page redraws its panels every refresh, so an
   * element found by one WebDriver call may be gone by the next.
   */
  private static String text(String selector) {
    Object text =
        browser.script(
            "const e = document.querySelector(arguments[0]); return e ? e.innerText : '';",
            selector);
    return String.valueOf(text);
  }

  private static boolean exists(String selector) {
    return (Boolean)
        browser.script("return document.querySelector(arguments[0]) !== null;", selector);
  }

  private static String panelState(String id) {
    return (String)
        browser.script("return document.getElementById(arguments[0]).dataset.state || '';", id);
  }

  private static long refreshes() {
    Object count = browser.script("return Number(document.body.dataset.refreshed || 0);");
    return ((Number) count).longValue();
  }

  private static void awaitRefreshes(int count) {
    long target = refreshes() + count;
    await(() -> refreshes() >= target, WITHIN, count + " refreshes of the page");
  }

  /**
   * The browser log's errors, but for the node's own documented answers that the page reads and
   * shows (Chromium logs every 4xx and 5xx a script's fetch got): no committee for an epoch, no
   * certificate yet, readiness down; and whatever {@code alsoExpected} allows.
   */
  private static List<LogEntry> unexpectedSevere(
      List<LogEntry> entries, Predicate<LogEntry> alsoExpected) {
    return entries.stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .filter(e -> !isShownAnswer(e) && !alsoExpected.test(e))
        .toList();
  }

  private static boolean isShownAnswer(LogEntry entry) {
    String m = entry.getMessage();
    return (m.contains("status of 404") && m.contains("/api/v1/committees/"))
        || (m.contains("status of 404") && m.contains("/api/v1/handoff/certificates/latest"))
        || (m.contains("status of 503") && m.contains("/health/ready"));
  }

  private static boolean isRefusedToken(LogEntry entry) {
    return entry.getMessage().contains("status of 401") && entry.getMessage().contains("/admin/");
  }

  /** Width and height of a PNG file, from its header. */
  private static int[] pngSize(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file);
        DataInputStream data = new DataInputStream(in)) {
      byte[] signature = new byte[8];
      data.readFully(signature);
      assertThat(signature).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
      data.readInt(); // IHDR length
      data.readInt(); // "IHDR"
      return new int[] {data.readInt(), data.readInt()};
    }
  }

  private static void await(BooleanSupplier done, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not " + what + " within " + timeout);
      }
      pause();
    }
  }

  private static <T> T poll(
      java.util.function.Supplier<T> read, Predicate<T> done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T value = read.get();
    while (!done.test(value)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not done within " + timeout + ": " + value);
      }
      pause();
      value = read.get();
    }
    return value;
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
