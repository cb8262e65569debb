package dev.cachet.it.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium under its own chromedriver, both named by path so that Selenium never
 * looks for (or downloads) a browser or a driver itself; a fresh profile every time. Without them
 * the test fails, saying what to install: the browser profile is never skipped silently.
 */
final class HeadlessChromium implements AutoCloseable {

  static final String INSTALL =
      "apt-get install chromium chromium-driver"
          + " (Debian's packages; as root: DEBIAN_FRONTEND=noninteractive apt-get update &&"
          + " apt-get install -y --no-install-recommends chromium chromium-driver)";

  /** The flags known to work here, as root, in a container without a display. */
  private static final List<String> FLAGS =
      List.of(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-dev-shm-usage");

  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final Path profile;

  private HeadlessChromium(ChromeDriverService service, ChromeDriver driver, Path profile) {
    this.service = service;
    this.driver = driver;
    this.profile = profile;
  }

  /**
   * Starts the browser with a window of {@code width} x {@code height} CSS pixels.
   *
   * @throws AssertionError naming the packages to install if the browser or its driver is missing
   */
  static HeadlessChromium start(int width, int height) throws IOException {
    Path browser = Path.of(System.getProperty("cachet.chromium", "/usr/bin/chromium"));
    Path chromedriver = Path.of(System.getProperty("cachet.chromedriver", "/usr/bin/chromedriver"));
    for (Path needed : List.of(browser, chromedriver)) {
      if (!Files.isExecutable(needed)) {
        throw new AssertionError(
            "The browser test needs Chromium and its driver, and "
                + needed
                + " is missing: "
                + INSTALL
                + ". Other paths: -Dcachet.chromium=… -Dcachet.chromedriver=…");
      }
    }
    System.setProperty("webdriver.chrome.driver", chromedriver.toString());
    Path profile = Files.createTempDirectory("cachet-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(browser.toFile());
    options.addArguments(FLAGS);
    options.addArguments("--user-data-dir=" + profile, "--window-size=" + width + "," + height);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver.toFile())
            .usingAnyFreePort()
            .build();
    return new HeadlessChromium(service, new ChromeDriver(service, options), profile);
  }

  ChromeDriver driver() {
    return driver;
  }

  /** The browser's console and network log since the last call (reading it empties it). */
  List<LogEntry> log() {
    return new ArrayList<>(driver.manage().logs().get(LogType.BROWSER).getAll());
  }

  Object script(String script, Object... arguments) {
    return ((JavascriptExecutor) driver).executeScript(script, arguments);
  }

  void resize(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /**
   * Saves a picture of the whole page, not just the window: the window is made as tall as the
   * document first (and put back afterwards).
   */
  void screenshotWholePage(Path file, int width) throws IOException {
    Dimension before = driver.manage().window().getSize();
    long height =
        ((Number) script("return Math.ceil(document.documentElement.scrollHeight);")).longValue();
    resize(width, (int) Math.min(height + 120, 12_000)); // the window's frame is part of its size
    long fitted =
        ((Number) script("return Math.ceil(document.documentElement.scrollHeight);")).longValue();
    if (fitted > height) { // the narrower or wider layout is taller: fit once more
      resize(width, (int) Math.min(fitted + 120, 12_000));
    }
    Files.createDirectories(file.getParent());
    Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    resize(before.getWidth(), before.getHeight());
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      service.stop();
      try (var files = Files.walk(profile)) {
        files
            .sorted(java.util.Comparator.reverseOrder())
            .forEach(
                p -> {
                  try {
                    Files.deleteIfExists(p);
                  } catch (IOException e) {
                    // a leftover temp file is harmless
                  }
                });
      }
    }
  }
}
