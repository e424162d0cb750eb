package dev.verodestination.local;

import static dev.verodestination.testing.Eventually.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.testing.Conformance;
import dev.verodestination.testing.EmfLines;
import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.FakeHttpServer.Reply;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every metric docs/operations.md lists still has a source: the lines the three functions write, run
 * through the runner on traffic that takes each path (an accepted, a skipped and a rejected message,
 * a call Vero takes, one it refuses, one it fails, a webhook forwarded), carry each one as valid EMF.
 */
class MetricSourcesIT {

  private static final String HOOK_TOKEN = "hook_tok_metric_sources_3c1d";

  /** (function, metric) as docs/operations.md's table lists them: "ingest Requests", ... */
  private static Set<String> documented() throws Exception {
    String operations = Files.readString(Conformance.projectRoot().resolve("docs/operations.md"));
    Pattern row = Pattern.compile("^\\| (ingest|deliver|webhook) \\| ([^|]+) \\|", Pattern.MULTILINE);
    Pattern name = Pattern.compile("`([A-Za-z]+)`");
    Set<String> metrics = new TreeSet<>();
    for (Matcher rows = row.matcher(operations); rows.find(); ) {
      for (Matcher names = name.matcher(rows.group(2)); names.find(); ) {
        metrics.add(rows.group(1) + " " + names.group(1));
      }
    }
    return metrics;
  }

  @Test
  void eachDocumentedMetricIsWrittenByItsFunction() throws Exception {
    Set<String> documented = documented();
    assertEquals(10, documented.size(), "the table's metrics as read: " + documented);
    try (FakeHttpServer vero = new FakeHttpServer(r -> r.body().contains("refused-event") ? Reply.status(400)
            : r.body().contains("failing-event") ? Reply.status(503) : Reply.ok());
         FakeHttpServer segment = new FakeHttpServer(r -> Reply.ok());
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), Map.of(
             "VERO_WEBHOOK_TOKEN", HOOK_TOKEN, "SEGMENT_WRITE_KEY", "seg_wk_metric_sources",
             "SEGMENT_API_URL", segment.baseUri() + "/v1"))) {
      String batch = "{\"batch\":["
          + "{\"type\":\"track\",\"userId\":\"m1\",\"event\":\"taken-event\"},"
          + "{\"type\":\"track\",\"userId\":\"m2\",\"event\":\"refused-event\"},"
          + "{\"type\":\"track\",\"userId\":\"m3\",\"event\":\"failing-event\"},"
          + "{\"type\":\"track\",\"userId\":\"m4\",\"event\":\"off\",\"integrations\":{\"Vero\":false}},"
          + "{\"type\":\"track\",\"userId\":\"m5\"}]}";
      assertEquals(200, pipeline.post("/v1/batch", batch).statusCode());
      String opened = "{\"type\":\"opened\",\"opened_at\":1795867060,\"user\":{\"id\":77,\"email\":\"m@example.com\"},"
          + "\"campaign\":{\"id\":5,\"name\":\"Metrics\",\"subject\":\"Hello\"},\"message_id\":\"<metrics-1@mail.example.com>\"}";
      assertEquals(200, pipeline.post("/webhooks/vero/" + HOOK_TOKEN, opened).statusCode());
      waitFor("a dead letter and a retry", Duration.ofSeconds(30),
          () -> pipeline.log().contains("\"message\":\"dead-lettered\"") && pipeline.log().contains("\"message\":\"retrying later\""));
      waitFor("the batch's line", Duration.ofSeconds(30), () -> written(pipeline.log()).contains("deliver VeroUnreachable"));

      Set<String> written = written(pipeline.log());
      Set<String> missing = new TreeSet<>(documented);
      missing.removeAll(written);
      assertEquals(Set.of(), missing, "documented metrics no function wrote; written: " + written);
      assertFalse(pipeline.log().contains(HOOK_TOKEN), "the webhook token is never logged");
    }
  }

  /** (component, metric) of every EMF declaration in the lines, each line checked as CloudWatch would. */
  private static Set<String> written(String log) {
    Set<String> written = new TreeSet<>();
    for (JsonNode line : EmfLines.of(emfOnly(log))) {
      for (JsonNode directive : line.at("/_aws/CloudWatchMetrics")) {
        directive.path("Metrics").forEach(metric -> written.add(line.path("component").asText() + " " + metric.path("Name").asText()));
      }
    }
    return written;
  }

  private static String emfOnly(String log) {
    return log.lines().filter(l -> l.startsWith("{") && l.contains("\"_aws\"")).collect(Collectors.joining("\n"));
  }
}
