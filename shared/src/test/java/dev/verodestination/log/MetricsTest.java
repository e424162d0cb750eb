package dev.verodestination.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.json.Json;
import dev.verodestination.log.Metrics.Metric;
import dev.verodestination.testing.EmfLines;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final JsonLog log = new JsonLog("ingest", new PrintStream(out, true, StandardCharsets.UTF_8));

  @Test
  void aLineTheFunctionWritesAnywayCarriesTwoSetsOfMetricsEachWithItsOwnDimensions() throws Exception {
    ObjectNode line = log.line("INFO", "ingest request").put("status", 200);
    Metrics.onto(line, Map.of("Function", "ingest", "StatusClass", "2xx"), Metric.count("Requests", 1));
    Metrics.onto(line, Map.of("Function", "ingest", "Outcome", "accepted"), Metric.count("Messages", 100));
    log.write(line);
    String text = out.toString(StandardCharsets.UTF_8);
    List<JsonNode> lines = EmfLines.of(text);
    assertEquals(1, lines.size());
    JsonNode written = lines.get(0);
    assertEquals("ingest request", written.get("message").asText());
    assertEquals(200, written.get("status").asInt());
    assertEquals(Json.MAPPER.readTree("[{\"Namespace\":\"VeroDestination\",\"Dimensions\":[[\"Function\",\"StatusClass\"]],"
        + "\"Metrics\":[{\"Name\":\"Requests\",\"Unit\":\"Count\"}]},{\"Namespace\":\"VeroDestination\","
        + "\"Dimensions\":[[\"Function\",\"Outcome\"]],\"Metrics\":[{\"Name\":\"Messages\",\"Unit\":\"Count\"}]}]"),
        written.at("/_aws/CloudWatchMetrics"));
    assertEquals(1, EmfLines.sum(text, "Requests", Map.of("StatusClass", "2xx")));
    assertEquals(100, EmfLines.sum(text, "Messages", Map.of("Outcome", "accepted")));
  }

  @Test
  void aDimensionCannotTakeASecondValueOnOneLine() {
    ObjectNode line = log.line("INFO", "vero webhook");
    Metrics.onto(line, Map.of("Outcome", "forwarded"), Metric.count("WebhookEvents", 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Metrics.onto(line, Map.of("Outcome", "parked"), Metric.count("WebhookEvents", 1)));
    assertEquals("dimension Outcome already has another value on this line", e.getMessage());
  }

  @Test
  void withoutALineOfItsOwnTheMetricsAreALineNamedMetrics() throws Exception {
    Metrics.emit(log, Map.of("Function", "deliver"), Metric.count("Retries", 3));
    JsonNode line = EmfLines.of(out.toString(StandardCharsets.UTF_8)).get(0);
    assertEquals("metrics", line.get("message").asText());
    assertEquals(3, line.get("Retries").asInt());
  }

  @Test
  void theNamespaceIsTheStacksWhenSetAndVeroDestinationOtherwise() {
    assertEquals("VeroDestination/prod-eu", Metrics.namespace(" VeroDestination/prod-eu "));
    assertEquals("VeroDestination", Metrics.namespace(null));
    assertEquals("VeroDestination", Metrics.namespace(" "));
  }

  @Test
  void severalValuesOfOneMetricAreOneArrayOfAtMostAHundred() throws Exception {
    ObjectNode line = log.line("INFO", "batch done");
    Metrics.onto(line, Map.of("Function", "deliver"), Metric.count("VeroCalls", 3), Metric.millis("VeroLatency", List.of(95L, 101L, 99L)));
    log.write(line);
    JsonNode written = EmfLines.of(out.toString(StandardCharsets.UTF_8)).get(0);
    assertEquals(Json.MAPPER.readTree("[95,101,99]"), written.get("VeroLatency"));
    assertEquals(3.0, written.get("VeroCalls").asDouble());
    assertThrows(IllegalArgumentException.class, () -> Metric.millis("VeroLatency", java.util.Collections.nCopies(101, 1L)));
    assertThrows(IllegalArgumentException.class, () -> Metric.millis("VeroLatency", List.of()));
  }
}
