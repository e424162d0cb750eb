package dev.verodestination.local;

import static dev.verodestination.testing.Eventually.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.FakeHttpServer.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The debugger page at the runner's root in Debian's headless chromium: messages appear with their
 * Vero calls, a dead letter shows its reason and a redrive button that delivers it, skipped messages
 * (by a destination rule too) and webhooks show why; nothing secret is on the page. Leaves target/debugger.png for docs/.
 */
class DebuggerPageIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String HOOK_TOKEN = "hook_debugger_test_5d02";
  private static final String SEGMENT_KEY = "seg_wk_debugger_test";

  @Test
  void theRunnersRootShowsEachMessagesFateAndRedrivesADeadLetter(@TempDir Path profile) throws Exception {
    Chromium.require();
    AtomicBoolean fixed = new AtomicBoolean(false);
    try (FakeHttpServer vero = new FakeHttpServer(r -> !fixed.get() && r.body().contains("\"erin\"") ? Reply.status(400) : Reply.ok());
         FakeHttpServer segment = new FakeHttpServer(r -> Reply.ok());
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), Map.of(
             "VERO_WEBHOOK_TOKEN", HOOK_TOKEN, "SEGMENT_WRITE_KEY", SEGMENT_KEY, "SEGMENT_API_URL", segment.baseUri() + "/v1",
             "DESTINATION_RULES", "{\"events\":{\"deny\":[\"Debug *\"]},\"products\":{\"events\":[\"Order Completed\"],"
                 + "\"as\":\"Ordered Product\"}}"))) {
      ChromeDriver browser = Chromium.start(profile);
      try {
        browser.manage().window().setSize(new Dimension(1440, 1000));
        String root = "http://127.0.0.1:" + pipeline.runner.port() + "/";
        browser.get(root);
        waitFor("the empty page", PATIENCE, () -> browser.findElement(By.id("messages-empty")).isDisplayed());

        assertEquals(200, pipeline.post("/v1/batch", "{\"batch\":["
            + "{\"type\":\"identify\",\"userId\":\"frank\",\"messageId\":\"f-1\",\"traits\":{\"email\":\"frank@example.com\"}},"
            + "{\"type\":\"track\",\"userId\":\"frank\",\"messageId\":\"f-2\",\"event\":\"Signed Up\"},"
            + "{\"type\":\"track\",\"userId\":\"frank\",\"messageId\":\"f-3\",\"event\":\"Muted\",\"integrations\":{\"Vero\":false}},"
            + "{\"type\":\"track\",\"userId\":\"erin\",\"messageId\":\"e-1\",\"event\":\"<b>Broken</b>\"},"
            + "{\"type\":\"track\",\"userId\":\"frank\",\"messageId\":\"f-4\",\"event\":\"Debug Click\"}]}").statusCode());
        assertEquals(200, pipeline.post("/webhooks/vero/" + HOOK_TOKEN, "{\"type\":\"opened\",\"opened_at\":1795867060,"
            + "\"user\":{\"id\":88,\"email\":\"page@example.com\"},\"campaign\":{\"id\":5,\"name\":\"Page\",\"subject\":\"Hi\"},"
            + "\"message_id\":\"<page-1@mail.example.com>\"}").statusCode());

        waitFor("frank's track delivered", PATIENCE, () -> fate(browser, "f-2").equals("delivered"));
        assertTrue(text(browser, "f-2", ".calls").matches("POST /events/track → 200 · \\d+ ms"), text(browser, "f-2", ".calls"));
        assertTrue(text(browser, "f-1", ".calls").startsWith("POST /users/track → 200"), text(browser, "f-1", ".calls"));
        waitFor("erin's track dead-lettered", PATIENCE, () -> fate(browser, "e-1").equals("dead-lettered"));
        String erin = text(browser, "e-1", "");
        assertTrue(erin.contains("<b>Broken</b>"), "a sender's text is shown as text: " + erin);
        assertTrue(erin.contains("Vero answered 400"), erin);
        assertTrue(erin.contains("POST /events/track → 400"), erin);
        waitFor("the skipped message's reason", PATIENCE,
            () -> browser.findElement(By.id("requests")).getText().contains("#2 skipped: integrations turn Vero off"));
        waitFor("the rule that skipped a message", PATIENCE, () -> browser.findElement(By.id("requests")).getText()
            .contains("#4 skipped: filtered: the event matches events.deny \"Debug *\""));
        assertEquals(List.of("#2 skipped: integrations turn Vero off"), browser.findElements(
            By.cssSelector("#requests .reason div[data-kind='integrations-off']")).stream().map(WebElement::getText).toList(),
            "each reason is filed under the kind the function logged");
        assertEquals("Destination rules: events.allow 0, events.deny 1, events.rename 0, drop [], consent none · mapping: products of "
            + "[Order Completed] as \"Ordered Product\"", browser.findElement(By.id("rules")).getText());
        waitFor("the webhook", PATIENCE, () -> browser.findElement(By.id("webhooks")).getText().contains("Email Opened"));
        assertTrue(browser.findElement(By.id("webhooks")).getText().contains("forwarded"));

        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "debugger.png"), browser.getScreenshotAs(OutputType.BYTES));

        fixed.set(true);
        click(browser, "#messages tr[data-message-id='e-1'] button.redrive");
        waitFor("erin's track delivered after the redrive", PATIENCE, () -> fate(browser, "e-1").equals("delivered"));
        assertTrue(vero.processed().stream().anyMatch(r -> r.body().contains("\"erin\"") && r.body().contains("<b>Broken</b>")));
        assertEquals(List.of(), browser.findElements(By.className("redrive")));

        String page = browser.getPageSource();
        for (String secret : List.of(Pipeline.WRITE_KEY, Pipeline.VERO_TOKEN, HOOK_TOKEN, SEGMENT_KEY)) {
          assertFalse(page.contains(secret), "the page shows no secret");
        }
        assertEquals(List.of(), Chromium.consoleLines(browser).stream().filter(l -> l.startsWith("SEVERE")).toList());
      } finally {
        browser.quit();
      }
    }
  }

  @Test
  void theDataRoutesAnswerOnlyThisMachinesOwnPage() throws Exception {
    try (Pipeline pipeline = new Pipeline(URI.create("http://127.0.0.1:9/api/v2"), Map.of())) {
      HttpClient http = HttpClient.newHttpClient();
      URI activity = URI.create("http://127.0.0.1:" + pipeline.runner.port() + "/_runner/activity");
      assertEquals(403, http.send(HttpRequest.newBuilder(activity).build(), HttpResponse.BodyHandlers.ofString()).statusCode(),
          "no operator header: a plain cross-site request");
      assertEquals(200, http.send(HttpRequest.newBuilder(activity).header("x-vero-destination-operator", "1").build(),
          HttpResponse.BodyHandlers.ofString()).statusCode());
      URI operator = URI.create("http://127.0.0.1:" + pipeline.runner.port() + "/_runner/operator");
      HttpResponse<String> places = http.send(HttpRequest.newBuilder(operator).header("x-vero-destination-operator", "1").build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, places.statusCode());
      assertTrue(places.body().contains("\"writeKey\":\"" + Pipeline.WRITE_KEY + "\""), "the commands get the key to replay with");
      HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pipeline.runner.port() + "/")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, page.statusCode());
      assertEquals("text/html; charset=utf-8", page.headers().firstValue("content-type").orElse(""));
      assertFalse(page.body().contains(Pipeline.WRITE_KEY));
    }
  }

  /** Read in one script: the page redraws its tables as activity arrives, so a held element goes stale. */
  private static String text(ChromeDriver browser, String messageId, String within) {
    Object text = browser.executeScript("const row = document.querySelector(arguments[0]);"
        + "const part = row && arguments[1] ? row.querySelector(arguments[1]) : row; return part ? part.innerText : '';",
        "#messages tr[data-message-id='" + messageId + "']", within);
    return text == null ? "" : text.toString();
  }

  private static String fate(ChromeDriver browser, String messageId) {
    Object fate = browser.executeScript("const row = document.querySelector(arguments[0]); return row ? row.dataset.fate : '';",
        "#messages tr[data-message-id='" + messageId + "']");
    return fate == null ? "" : fate.toString();
  }

  /** A real click, tried again if a redraw replaced the button between finding and clicking it. */
  private static void click(ChromeDriver browser, String selector) {
    for (int attempt = 0; ; attempt++) {
      try {
        browser.findElement(By.cssSelector(selector)).click();
        return;
      } catch (StaleElementReferenceException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }
}
