package dev.verodestination.local;

import dev.verodestination.testing.NpmPackages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless chromium, driven through its chromedriver, and Segment's analytics.js 2.0 as its
 * npm package ships it ({@link NpmPackages}).
 */
final class Chromium {

  static final String ANALYTICS_NEXT_VERSION = "1.84.3";
  private static final Path BROWSER = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  /**
   * Selenium warns at every start that it has no DevTools client for this Chromium's version; the tests
   * read the console through the driver's log, not DevTools. Held here: java.util.logging keeps loggers weakly.
   */
  private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  private Chromium() {}

  /** The folder of analytics.js's browser bundle (dist/umd) from its npm package. */
  static Path analyticsJs() throws IOException, InterruptedException {
    require();
    return NpmPackages.install("@segment/analytics-next", ANALYTICS_NEXT_VERSION).resolve("dist/umd");
  }

  /** Skips the test where chromium is missing, except under CI=true, where that is a failure. */
  static void require() {
    NpmPackages.require(Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER), "Debian's chromium and chromium-driver");
  }

  /** A fresh headless browser whose console (CORS errors included) the test can read. */
  static ChromeDriver start(Path profile) {
    CDP_VERSION_FINDER.setLevel(Level.SEVERE);
    ChromeOptions options = new ChromeOptions()
        .setBinary(BROWSER.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
            "--user-data-dir=" + profile);
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }

  static List<String> consoleLines(ChromeDriver driver) {
    return driver.manage().logs().get("browser").getAll().stream().map(e -> e.getLevel() + " " + e.getMessage()).toList();
  }
}
