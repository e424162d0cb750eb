package dev.verodestination.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.verodestination.log.JsonLog;
import dev.verodestination.testing.Conformance;
import dev.verodestination.testing.ElasticMq;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every sample in events/ingest, loaded as the Lambda runtime loads it, answers as events/README.md says. */
class SampleEventsIT {

  /** The write key the samples' Basic auth header carries. */
  private static final String SAMPLE_WRITE_KEY = "sample-write-key";
  private static final String ONE = "{\"success\":true,\"accepted\":1,\"skipped\":[],\"rejected\":[]}";
  private static final String BATCH = "{\"success\":true,\"accepted\":2,\"skipped\":["
      + "{\"index\":2,\"reason\":\"integrations turn Vero off\"},"
      + "{\"index\":3,\"reason\":\"no userId: Vero identifies people by userId\"}],"
      + "\"rejected\":[{\"index\":4,\"error\":\"track requires \\\"event\\\"\"}]}";
  private static final String NO_CREDENTIALS = "{\"success\":false,\"error\":\"no valid credentials: send a write key as "
      + "the Basic auth user name, as \\\"writeKey\\\" in the body, or sign the body with X-Signature\"}";

  private static final Map<String, Answer> EXPECTED = Map.ofEntries(
      Map.entry("identify", new Answer(200, ONE, 1)),
      Map.entry("track", new Answer(200, ONE, 1)),
      Map.entry("page", new Answer(200, ONE, 1)),
      Map.entry("screen", new Answer(200, ONE, 1)),
      Map.entry("group", new Answer(200, ONE, 1)),
      Map.entry("alias", new Answer(200, ONE, 1)),
      Map.entry("batch", new Answer(200, BATCH, 2)),
      Map.entry("batch-base64", new Answer(200, BATCH, 2)),
      Map.entry("bad-malformed-json", new Answer(400,
          "{\"success\":false,\"error\":\"malformed JSON: Unexpected end-of-input within/between Object entries (line 1, column 34)\"}", 0)),
      Map.entry("bad-no-credentials", new Answer(401, NO_CREDENTIALS, 0)),
      Map.entry("bad-wrong-write-key", new Answer(401, NO_CREDENTIALS, 0)),
      Map.entry("bad-track-without-event", new Answer(400, "{\"success\":false,\"error\":\"track requires \\\"event\\\"\"}", 0)),
      Map.entry("bad-form-encoded", new Answer(400, "{\"success\":false,\"error\":\"malformed JSON (the body is read as JSON "
          + "whatever its Content-Type; this one says application/x-www-form-urlencoded): Unrecognized token 'userId': was expecting "
          + "(JSON String, Number, Array, Object or token 'null', 'true' or 'false') (line 1, column 1)\"}", 0)),
      Map.entry("bad-base64", new Answer(400, "{\"success\":false,\"error\":\"body is marked base64 but is not valid base64\"}", 0)),
      Map.entry("browser-track", new Answer(200, ONE, 1)),
      Map.entry("function-url-track", new Answer(200, ONE, 1)),
      Map.entry("browser-preflight", new Answer(204, null, 0)),
      Map.entry("browser-settings", new Answer(200, "{\"integrations\":{\"Segment.io\":{\"apiKey\":\"sample-write-key\","
          + "\"apiHost\":\"abc123.execute-api.us-east-1.amazonaws.com/v1\",\"protocol\":\"https\",\"unbundledIntegrations\":[],"
          + "\"addBundledMetadata\":false}},\"plan\":{},\"edgeFunction\":{},\"analyticsNextEnabled\":true,\"middlewareSettings\":{},"
          + "\"enabledMiddleware\":{},\"metrics\":{\"sampleRate\":0,\"host\":\"abc123.execute-api.us-east-1.amazonaws.com/v1\"},"
          + "\"legacyVideoPluginsEnabled\":false,\"remotePlugins\":[]}", 0)),
      Map.entry("bad-unknown-route", new Answer(404, "{\"success\":false,\"error\":\"unknown route: use /v1/identify, "
          + "/v1/track, /v1/page, /v1/screen, /v1/group, /v1/alias (or /v1/i, /v1/t, /v1/p, /v1/s, /v1/g, /v1/a), /v1/batch, "
          + "/v1/import or /v1/b\"}", 0)));

  record Answer(int status, String body, int queued) {}

  @RegisterExtension
  static final ElasticMq elasticMq = new ElasticMq();

  @TestFactory
  Stream<DynamicTest> eachSampleEventGetsItsDocumentedAnswer() {
    var samples = Conformance.projectRoot().resolve("events/ingest");
    assertEquals(EXPECTED.keySet(), Stream.of(samples.toFile().list()).map(n -> n.replace(".json", ""))
        .collect(java.util.stream.Collectors.toSet()), "every sample has an expected answer");
    return EXPECTED.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      String queueUrl = elasticMq.fifoQueue("sample-" + e.getKey());
      IngestHandler handler = new IngestHandler(IngestWiring.wire(new IngestConfig(List.of(SAMPLE_WRITE_KEY), Optional.empty(),
          queueUrl), elasticMq.sqs(), Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC), new JsonLog("ingest", new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))));
      APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(samples.resolve(e.getKey() + ".json").toString());
      APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
      assertEquals(e.getValue().status(), response.getStatusCode());
      assertEquals(e.getValue().body(), response.getBody());
      assertEquals(e.getValue().queued(), elasticMq.drain(queueUrl).size());
    }));
  }
}
