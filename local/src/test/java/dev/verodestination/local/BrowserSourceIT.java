package dev.verodestination.local;

import static dev.verodestination.testing.Eventually.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.verodestination.json.Json;
import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.FakeHttpServer.Recorded;
import dev.verodestination.testing.FakeHttpServer.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * analytics.js 2.0, from its npm package, in headless chromium on a page of another origin
 * (localhost, while the runner is 127.0.0.1), so that CORS is enforced as on a customer's site. The
 * page is told only the write key and the runner as its cdnURL.
 */
class BrowserSourceIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private static Path bundle;
  private static HttpServer site;
  private FakeHttpServer vero;
  private Pipeline pipeline;
  private ChromeDriver browser;

  @BeforeAll
  static void serveTheSite() throws Exception {
    bundle = Chromium.analyticsJs();
    byte[] page;
    try (InputStream in = BrowserSourceIT.class.getResourceAsStream("/browser/page.html")) {
      page = in.readAllBytes();
    }
    site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    site.createContext("/", exchange -> {
      try (exchange) {
        String path = exchange.getRequestURI().getPath();
        byte[] body;
        String type = "text/html";
        if (path.startsWith("/ajs/") && !path.contains("..")) {
          Path file = bundle.resolve(path.substring("/ajs/".length()));
          body = Files.exists(file) ? Files.readAllBytes(file) : null;
          type = "application/javascript";
        } else {
          body = path.equals("/page.html") ? page : "<!doctype html><p>another page</p>".getBytes(StandardCharsets.UTF_8);
        }
        if (body == null) {
          exchange.sendResponseHeaders(404, -1);
          return;
        }
        exchange.getResponseHeaders().add("content-type", type);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    });
    site.start();
  }

  @AfterAll
  static void stopTheSite() {
    if (site != null) {
      site.stop(0);
    }
  }

  @BeforeEach
  void start(@TempDir Path profile) throws IOException {
    vero = new FakeHttpServer(r -> Reply.ok());
    pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), Map.of());
    browser = Chromium.start(profile);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    pipeline.close();
    vero.close();
  }

  /** The page on localhost, the runner on 127.0.0.1: two origins. */
  private void open(String mode) {
    String runner = "http://127.0.0.1:" + pipeline.runner.port();
    browser.get("http://localhost:" + site.getAddress().getPort() + "/page.html?mode=" + mode
        + "&writeKey=" + URLEncoder.encode(Pipeline.WRITE_KEY, StandardCharsets.UTF_8)
        + "&runner=" + URLEncoder.encode(runner, StandardCharsets.UTF_8));
  }

  private JsonNode results() {
    Object json = ((JavascriptExecutor) browser).executeScript("return JSON.stringify(window.results || null)");
    try {
      return Json.MAPPER.readTree(String.valueOf(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitPage() {
    waitFor("the page's calls to finish", PATIENCE, () -> results().path("done").asBoolean());
  }

  private void assertNoFailureAndNoCorsError() {
    JsonNode results = results();
    assertEquals(0, results.get("failures").size(), "no event reports a delivery failure: " + results);
    assertEquals(0, results.get("errors").size(), "analytics.js emitted no error: " + results);
    List<String> console = Chromium.consoleLines(browser);
    assertTrue(console.stream().noneMatch(line -> line.contains("CORS") || line.contains("Access-Control")),
        "no CORS error in the console: " + console);
    assertTrue(console.stream().noneMatch(line -> line.startsWith("SEVERE")), "no error in the console: " + console);
  }

  /** What a failed wait shows: the calls Vero got and what the runner logged. */
  private String state() {
    return "Vero got " + vero.received().stream().map(BrowserSourceIT::call).toList() + "; the runner logged:\n" + pipeline.log();
  }

  private static String call(Recorded request) {
    return request.method() + " " + request.path();
  }

  @Test
  void identifyTrackPageGroupAndAliasFromAPageReachVero() throws Exception {
    open("calls");
    awaitPage();
    assertNoFailureAndNoCorsError();
    assertEquals(List.of("alias", "identify", "track", "page", "group", "alias"),
        Json.MAPPER.convertValue(results().get("delivered"), List.class));
    waitFor("five Vero calls", PATIENCE, () -> vero.processed().size() == 5, this::state);
    List<Recorded> calls = vero.processed();
    assertEquals(List.of("PUT /api/v2/users/reidentify", "POST /api/v2/users/track", "POST /api/v2/events/track",
        "POST /api/v2/events/track", "PUT /api/v2/users/edit"), calls.stream().map(BrowserSourceIT::call).toList());
    JsonNode alias = calls.get(0).json();
    assertEquals(results().get("anonymousId").asText(), alias.get("id").asText());
    assertEquals("browser-user", alias.get("new_id").asText());
    JsonNode identify = calls.get(1).json();
    assertEquals("browser-user", identify.get("id").asText());
    assertEquals("browser@example.com", identify.get("email").asText());
    assertEquals("pro", identify.at("/data/plan").asText());
    assertTrue(identify.at("/data/userAgent").asText().contains("Chrome"), "the browser's user agent is passed on");
    JsonNode track = calls.get(2).json();
    assertEquals("Clicked Buy", track.get("event_name").asText());
    assertEquals(19.5, track.at("/data/price").asDouble());
    JsonNode page = calls.get(3).json();
    assertEquals("viewed_page", page.get("event_name").asText());
    assertTrue(page.at("/data/url").asText().startsWith("http://localhost:"), "the page's url: " + page);
    assertEquals("Acme Inc", calls.get(4).json().at("/changes/group/name").asText());
    assertTrue(pipeline.log().lines().anyMatch(l -> l.contains("\"path\":\"/v1/a\"") && l.contains("\"skipped\":1")),
        "the alias of the user to itself was skipped");
  }

  @Test
  void theBatchingStrategySendsTwelveTracksInOneRequestAndAllReachVero() throws Exception {
    open("batching");
    awaitPage();
    assertNoFailureAndNoCorsError();
    waitFor("the identify and twelve tracks", PATIENCE, () -> vero.processed().size() == 13, this::state);
    assertEquals(12, vero.processed().stream().filter(r -> call(r).equals("POST /api/v2/events/track")).count());
    assertTrue(pipeline.log().lines().anyMatch(l -> l.contains("\"path\":\"/v1/b\"") && l.contains("\"accepted\":13")),
        "one /v1/b request carried all thirteen");
  }

  @Test
  void eventsQueuedWhenThePageIsLeftAreFlushedWithKeepaliveAndReachVero() throws Exception {
    open("keepalive");
    awaitPage();
    assertTrue(results().path("queued").asBoolean());
    assertEquals(0, vero.received().size(), "nothing is sent before the page is left");
    browser.get("http://localhost:" + site.getAddress().getPort() + "/elsewhere.html");
    waitFor("the identify and three tracks", PATIENCE, () -> vero.processed().size() == 4, this::state);
    assertEquals(List.of("leaving-user", "leaving-user", "leaving-user", "leaving-user"), vero.processed().stream()
        .map(r -> r.json().has("identity") ? r.json().at("/identity/id").asText() : r.json().get("id").asText()).toList());
  }
}
