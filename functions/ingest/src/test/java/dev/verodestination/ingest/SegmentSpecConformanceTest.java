package dev.verodestination.ingest;

import static dev.verodestination.ingest.PlannerFixtures.planner;
import static dev.verodestination.ingest.PlannerFixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.json.Json;
import dev.verodestination.ingest.IngestResult.Plan;
import dev.verodestination.segment.MessageRules;
import dev.verodestination.testing.Conformance;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Segment's own examples and validator cases (../shared/conformance/segment-spec). */
class SegmentSpecConformanceTest {

  private static final String SKIPPED_BY_INTEGRATIONS = "integrations turn Vero off";

  @TestFactory
  Stream<DynamicTest> everyValidExampleIsAcceptedOrSkippedByItsIntegrations() {
    return Conformance.files("segment-spec/valid", ".json").stream().map(file -> DynamicTest.dynamicTest(
        file.getFileName().toString(), () -> {
          Plan plan = planOf(file);
          assertEquals(List.of(), plan.rejected(), "rejected messages in " + file.getFileName());
          int messages = plan.accepted().size() + plan.skipped().size();
          assertTrue(messages >= 1);
          plan.skipped().forEach(s -> assertEquals(SKIPPED_BY_INTEGRATIONS, s.reason().text()));
          plan.accepted().forEach(m -> {
            JsonNode body = readTree(m.body());
            assertFalse(body.has("writeKey"), "the write key never reaches the queue");
            assertTrue(body.path("messageId").isTextual());
            assertEquals("2026-11-28T12:00:00Z", body.path("receivedAt").asText());
          });
        }));
  }

  @TestFactory
  Stream<DynamicTest> everyBatchEnvelopeOfAnalyticsGoIsAccepted() {
    return Conformance.files("segment-spec/batch-envelopes", ".json").stream().map(file -> DynamicTest.dynamicTest(
        file.getFileName().toString(), () -> {
          IngestResult result = planner().planPost(request("/v1/batch", Conformance.read(file)));
          Plan plan = assertInstanceOf(Plan.class, result);
          assertEquals(List.of(), plan.rejected());
          assertEquals(List.of(), plan.skipped());
          assertFalse(plan.accepted().isEmpty());
          // analytics-go puts library context on the envelope: every item must carry it
          plan.accepted().forEach(m -> assertEquals("analytics-go",
              readTree(m.body()).path("context").path("library").path("name").asText()));
        }));
  }

  @TestFactory
  Stream<DynamicTest> everyThrowsCaseOfLooselyValidateEventIsRejected() throws IOException {
    JsonNode cases = Json.MAPPER.readTree(Conformance.read(Conformance.dir("segment-spec/invalid")
        .resolve("loosely-validate-event-cases.json"))).get("cases");
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : cases) {
      if (!c.has("event")) {
        continue; // the generated 10,000-key event is the oversize file, tested below
      }
      String name = c.get("expect").asText() + " " + c.get("event");
      tests.add(DynamicTest.dynamicTest(name, () -> {
        Optional<String> typeArg = Optional.ofNullable(c.get("typeArg")).filter(JsonNode::isTextual).map(JsonNode::asText);
        Optional<String> error = checkCase(c.get("event"), typeArg);
        if (c.get("expect").asText().equals("throws")) {
          assertTrue(error.isPresent(), "should be rejected like \"" + c.get("message").asText() + "\"");
        } else {
          assertEquals(Optional.empty(), error);
        }
      }));
    }
    return tests.stream();
  }

  /**
   * analytics-next's validator differs from loosely-validate-event and from Segment's HTTP API in a
   * few places. This project follows the README's ingest rules and the HTTP API; each difference is named here.
   */
  @TestFactory
  Stream<DynamicTest> analyticsNextCasesAgreeExceptWhereDocumented() throws IOException {
    JsonNode cases = Json.MAPPER.readTree(Conformance.read(Conformance.dir("segment-spec/invalid")
        .resolve("analytics-next-validation-cases.json"))).get("cases");
    List<DynamicTest> tests = new ArrayList<>();
    int index = 0;
    for (JsonNode c : cases) {
      int number = index++;
      tests.add(DynamicTest.dynamicTest(number + " " + c.get("expect").asText() + " " + c.get("event"), () -> {
        boolean expectOk = c.get("expect").asText().equals("ok");
        JsonNode event = c.get("event");
        Optional<String> error = event.isObject() ? checkCase(event, Optional.empty())
            : Optional.of("message must be a JSON object");
        String note = c.path("note").asText();
        boolean aliasWithoutUserId = event.path("type").asText().equals("alias") && !event.has("userId");
        boolean numericAnonymousId = event.path("anonymousId").isNumber();
        boolean missingSdkDefaults = (note.startsWith("SDK-internal") || event.path("type").asText().equals("identify"))
            && !expectOk;
        if (aliasWithoutUserId) {
          // the README: alias needs userId and previousId (Vero's reidentify needs both ids)
          assertEquals(Optional.of("alias requires \"userId\""), error);
        } else if (numericAnonymousId) {
          // Segment's HTTP API and loosely-validate-event accept numeric ids; so do we
          assertEquals(Optional.empty(), error);
        } else if (missingSdkDefaults) {
          // the SDK fills properties/traits itself; a raw HTTP call without them is valid at Segment
          assertEquals(Optional.empty(), error);
        } else if (expectOk) {
          assertEquals(Optional.empty(), error);
        } else {
          assertTrue(error.isPresent(), "should be rejected like \"" + c.get("message").asText() + "\"");
        }
      }));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> documentFragmentsWithoutAnyIdAreRejected() {
    return Conformance.files("segment-spec/invalid", ".json").stream()
        .filter(f -> f.getFileName().toString().startsWith("docfragment-"))
        .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
          IngestResult result = planner().planPost(request("/", Conformance.read(file)));
          assertEquals(new IngestResult.Refused(400, "message requires \"userId\" or \"anonymousId\""),
              asRefusal(result));
        }));
  }

  @org.junit.jupiter.api.Test
  void theOversizeTrackIsRejectedWithItsSize() {
    byte[] body = Conformance.read(Conformance.dir("segment-spec/invalid").resolve("oversize-track-over-32kb.json"));
    IngestResult result = planner().planPost(request("/v1/track", body));
    IngestResult.Refused refused = asRefusal(result);
    assertEquals(400, refused.status());
    assertTrue(refused.error().matches("message is \\d+ bytes; the limit is 32768 \\(32 KB\\)"), refused.error());
  }

  /** A single call's rejection is the request's refusal, a 400. */
  private static IngestResult.Refused asRefusal(IngestResult result) {
    return assertInstanceOf(IngestResult.Refused.class, result);
  }

  private static Optional<String> checkCase(JsonNode event, Optional<String> typeArg) {
    var message = event.deepCopy();
    typeArg.ifPresent(t -> ((com.fasterxml.jackson.databind.node.ObjectNode) message).put("type", t));
    return MessageRules.check(message) instanceof MessageRules.Invalid(String error) ? Optional.of(error) : Optional.empty();
  }

  private static Plan planOf(Path file) {
    String name = file.getFileName().toString();
    String path = "/";
    if (name.startsWith("http-")) {
      String call = name.substring(5, name.indexOf('.')).replace("-integrations", "");
      path = "/v1/" + call;
    }
    return assertInstanceOf(Plan.class, planner().planPost(request(path, Conformance.read(file))));
  }

  private static JsonNode readTree(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
