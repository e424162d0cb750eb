package dev.verodestination.local;

import static dev.verodestination.local.Pipeline.VERO_TOKEN;
import static dev.verodestination.testing.Eventually.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.config.InvalidSettingException;
import dev.verodestination.config.Settings;
import dev.verodestination.json.Json;
import dev.verodestination.testing.EmfLines;
import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.FakeHttpServer.Reply;
import dev.verodestination.testing.JsonAssert;
import dev.verodestination.testing.QueueReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;

/** DESTINATION_RULES through the runner: what the fake Vero gets, what the caller and the log are told, what is queued. */
class DestinationRulesIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private static List<String> veroCalls(FakeHttpServer vero) {
    return vero.processed().stream().map(r -> r.path() + " " + r.body()).toList();
  }

  private static void assertSameJson(String expected, String actual) {
    JsonAssert.assertJsonEquals(Json.treeOrMissing(expected), Json.treeOrMissing(actual));
  }

  @Test
  void eventRulesLetOnlyTheFunnelsEventsThroughUnderTheirVeroNames() throws Exception {
    String rules = "{\"events\":{\"allow\":[\"Checkout Step *\",\"Order Completed\"],\"deny\":[\"Checkout Step Debug\"],"
        + "\"rename\":{\"Order Completed\":\"purchase\"}}}";
    try (FakeHttpServer vero = new FakeHttpServer(r -> Reply.ok());
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), Map.of("DESTINATION_RULES", rules))) {
      HttpResponse<String> answer = pipeline.post("/v1/batch", "{\"batch\":["
          + "{\"type\":\"track\",\"userId\":\"ada\",\"event\":\"Checkout Step 1\",\"timestamp\":\"2014-01-01T00:00:00Z\"},"
          + "{\"type\":\"track\",\"userId\":\"ada\",\"event\":\"Checkout Step Debug\"},"
          + "{\"type\":\"track\",\"userId\":\"ada\",\"event\":\"Viewed Pricing\"},"
          + "{\"type\":\"identify\",\"userId\":\"ada\",\"traits\":{\"email\":\"ada@example.com\"}},"
          + "{\"type\":\"track\",\"userId\":\"ada\",\"event\":\"Order Completed\",\"properties\":{\"total\":30},"
          + "\"timestamp\":\"2014-01-01T00:00:01Z\"}]}");
      assertEquals(200, answer.statusCode());
      assertSameJson("{\"success\":true,\"accepted\":3,\"skipped\":["
          + "{\"index\":1,\"reason\":\"filtered: the event matches events.deny \\\"Checkout Step Debug\\\"\"},"
          + "{\"index\":2,\"reason\":\"filtered: the event matches no events.allow pattern\"}],\"rejected\":[]}", answer.body());
      waitFor("three Vero calls", PATIENCE, () -> pipeline.runner.counters().delivered() == 3);

      assertEquals(List.of(
          "/api/v2/events/track {\"auth_token\":\"" + VERO_TOKEN + "\",\"identity\":{\"id\":\"ada\"},\"event_name\":\"Checkout Step 1\","
              + "\"data\":{},\"extras\":{\"source\":\"segment\",\"created_at\":1388534400}}",
          "/api/v2/users/track {\"auth_token\":\"" + VERO_TOKEN + "\",\"id\":\"ada\",\"email\":\"ada@example.com\","
              + "\"data\":{\"email\":\"ada@example.com\",\"id\":\"ada\"}}",
          "/api/v2/events/track {\"auth_token\":\"" + VERO_TOKEN + "\",\"identity\":{\"id\":\"ada\"},\"event_name\":\"purchase\","
              + "\"data\":{\"total\":30},\"extras\":{\"source\":\"segment\",\"created_at\":1388534401}}"),
          veroCalls(vero), "identify passes the events rules; the order goes out as purchase");
      assertEquals(2, EmfLines.sum(pipeline.log(), "Messages", Map.of("Function", "ingest", "Outcome", "skipped", "Reason", "filtered")));
      assertFalse(pipeline.log().contains("Viewed Pricing"), "a filtered event's name stays out of the log");
    }
  }

  @Test
  void droppedFieldsNeverReachVeroTheQueueTheDeadLetterQueueOrTheLog() throws Exception {
    String rules = "{\"drop\":[\"traits.ssn\",\"properties.card.number\",\"properties.items.serial\",\"context.ip\"]}";
    try (FakeHttpServer vero = new FakeHttpServer(r -> r.body().contains("\"id\":\"bad\"") ? Reply.status(400) : Reply.ok());
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), Map.of("DESTINATION_RULES", rules))) {
      assertEquals(200, pipeline.post("/v1/batch", "{\"batch\":["
          + "{\"type\":\"identify\",\"userId\":\"bo\",\"traits\":{\"email\":\"bo@example.com\",\"ssn\":\"078-05-1120\"},"
          + "\"context\":{\"ip\":\"198.51.100.23\"}},"
          + "{\"type\":\"track\",\"userId\":\"bo\",\"event\":\"Paid\",\"timestamp\":\"2014-01-01T00:00:00Z\",\"properties\":"
          + "{\"card\":{\"number\":\"4111111111111111\",\"brand\":\"visa\"},\"items\":[{\"serial\":\"SN-PRIVATE-1\",\"qty\":1}]}},"
          + "{\"type\":\"identify\",\"userId\":\"bad\",\"traits\":{\"ssn\":\"219-09-9999\",\"plan\":\"pro\"},\"context\":{\"ip\":\"198.51.100.24\"}}"
          + "]}").statusCode());
      waitFor("bo's calls delivered and bad's dead-lettered", PATIENCE,
          () -> pipeline.runner.counters().delivered() == 2 && pipeline.runner.counters().deadLettered() == 1);

      assertEquals(List.of(
          "/api/v2/users/track {\"auth_token\":\"" + VERO_TOKEN + "\",\"id\":\"bo\",\"email\":\"bo@example.com\","
              + "\"data\":{\"email\":\"bo@example.com\",\"id\":\"bo\"}}",
          "/api/v2/events/track {\"auth_token\":\"" + VERO_TOKEN + "\",\"identity\":{\"id\":\"bo\"},\"event_name\":\"Paid\","
              + "\"data\":{\"card\":{\"brand\":\"visa\"},\"items\":[{\"qty\":1}]},\"extras\":{\"source\":\"segment\",\"created_at\":1388534400}}"),
          veroCalls(vero).stream().filter(c -> !c.contains("\"bad\"")).toList());
      List<Message> dead = QueueReader.drain(pipeline.runner.sqs(), pipeline.runner.dlqUrl());
      assertEquals(1, dead.size());
      JsonNode deadBody = Json.treeOrMissing(dead.get(0).body());
      assertEquals("{\"plan\":\"pro\"}", deadBody.get("traits").toString());
      assertFalse(deadBody.path("context").has("ip"), dead.get(0).body());
      for (String value : List.of("078-05-1120", "4111111111111111", "SN-PRIVATE-1", "219-09-9999", "198.51.100")) {
        assertFalse(pipeline.log().contains(value), value + " in the runner's log");
        assertTrue(vero.received().stream().noneMatch(r -> r.body().contains(value)), value + " at Vero");
      }
    }
  }

  @Test
  void consentSendsOnlyWhatEveryListedCategoryAllows() throws Exception {
    String rules = "{\"consent\":{\"categories\":[\"Marketing\"],\"whenMissing\":\"skip\"}}";
    try (FakeHttpServer vero = new FakeHttpServer(r -> Reply.ok());
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), Map.of("DESTINATION_RULES", rules))) {
      HttpResponse<String> answer = pipeline.post("/v1/batch", "{\"batch\":["
          + "{\"type\":\"identify\",\"userId\":\"cy\",\"traits\":{\"email\":\"cy@example.com\"},"
          + "\"context\":{\"consent\":{\"categoryPreferences\":{\"Marketing\":true,\"Advertising\":false}}}},"
          + "{\"type\":\"identify\",\"userId\":\"di\",\"traits\":{\"email\":\"di@example.com\"},"
          + "\"context\":{\"consent\":{\"categoryPreferences\":{\"Marketing\":false}}}},"
          + "{\"type\":\"identify\",\"userId\":\"ed\",\"traits\":{\"email\":\"ed@example.com\"}}]}");
      assertSameJson("{\"success\":true,\"accepted\":1,\"skipped\":["
          + "{\"index\":1,\"reason\":\"no-consent: consent category \\\"Marketing\\\" is not true in context.consent.categoryPreferences\"},"
          + "{\"index\":2,\"reason\":\"no-consent: the message has no context.consent.categoryPreferences and consent.whenMissing is skip\"}],"
          + "\"rejected\":[]}", answer.body());
      waitFor("cy's identify delivered", PATIENCE, () -> pipeline.runner.counters().delivered() == 1);
      assertEquals(List.of("/api/v2/users/track {\"auth_token\":\"" + VERO_TOKEN + "\",\"id\":\"cy\",\"email\":\"cy@example.com\","
          + "\"data\":{\"email\":\"cy@example.com\",\"id\":\"cy\"}}"), veroCalls(vero));
      assertEquals(2, EmfLines.sum(pipeline.log(), "Messages", Map.of("Function", "ingest", "Outcome", "skipped", "Reason", "no-consent")));
    }
  }

  @Test
  void theRunnerRefusesToStartOnAMistakeNamingTheRuleAndReadsRulesFromAFile(@TempDir Path folder) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Map<String, String> env = Map.of("PORT", "0", "DATA_DIR", "memory",
        "DESTINATION_RULES", "{\"events\":{\"deny\":\"Debug *\"}}");
    InvalidSettingException refused = assertThrows(InvalidSettingException.class,
        () -> LocalRunner.start(new Settings(env), new PrintStream(out, true, StandardCharsets.UTF_8)));
    assertEquals("setting DESTINATION_RULES: events.deny: must be a list of names (got a string)", refused.getMessage());
    assertFalse(out.toString(StandardCharsets.UTF_8).contains("local runner ready"));

    Path file = folder.resolve("rules.json");
    Files.writeString(file, "{\n  \"events\": {\"deny\": [\"Debug *\"]},\n  \"drop\": [\"context.ip\"]\n}\n");
    try (FakeHttpServer vero = new FakeHttpServer(r -> Reply.ok());
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), Map.of("DESTINATION_RULES", file.toString()))) {
      assertTrue(pipeline.log().contains("\"destinationRules\":\"events.allow 0, events.deny 1, events.rename 0, drop [context.ip], "
          + "consent none\""), "the ready line says which rules are in force: " + pipeline.log());
      assertEquals(200, pipeline.post("/v1/track", "{\"userId\":\"fa\",\"event\":\"Debug Click\"}").statusCode());
      assertEquals(200, pipeline.post("/v1/track", "{\"userId\":\"fa\",\"event\":\"Clicked\",\"context\":{\"ip\":\"192.0.2.1\"}}").statusCode());
      waitFor("the one event not denied", PATIENCE, () -> pipeline.runner.counters().delivered() == 1);
      assertEquals(1, vero.processed().size());
      assertTrue(vero.processed().get(0).body().contains("\"event_name\":\"Clicked\""));
      assertFalse(vero.processed().get(0).body().contains("192.0.2.1"));
    }
  }
}
