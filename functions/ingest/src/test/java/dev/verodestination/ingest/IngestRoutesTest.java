package dev.verodestination.ingest;

import static dev.verodestination.ingest.PlannerFixtures.WRITE_KEY;
import static dev.verodestination.ingest.PlannerFixtures.plan;
import static dev.verodestination.ingest.PlannerFixtures.planner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.ingest.IngestResult.Plan;
import dev.verodestination.ingest.IngestResult.Refused;
import dev.verodestination.ingest.IngestResult.Skipped;
import dev.verodestination.ingest.rules.DestinationRules;
import dev.verodestination.ingest.rules.SkipReason;
import dev.verodestination.segment.AnonymousUsers;
import dev.verodestination.segment.MessageType;
import dev.verodestination.testing.ApiGatewayEvents;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every path Segment's libraries use, the settings they fetch, and browser preflights: the planner alone. */
class IngestRoutesTest {

  @Test
  void analyticsJsShortPathsNameTheirCallTypes() {
    Map<String, MessageType> shortPaths = Map.of("/v1/i", MessageType.IDENTIFY, "/v1/t", MessageType.TRACK,
        "/v1/p", MessageType.PAGE, "/v1/s", MessageType.SCREEN, "/v1/g", MessageType.GROUP, "/v1/a", MessageType.ALIAS);
    shortPaths.forEach((path, type) -> assertEquals(Optional.of(new IngestRoute(IngestRoute.Kind.SINGLE, Optional.of(type))),
        IngestRoute.fromPath(path), path));
    for (String batch : new String[] {"/v1/batch", "/v1/import", "/v1/import/", "/v1/b", "/prod/v1/b"}) {
      assertEquals(Optional.of(IngestRoute.BATCH), IngestRoute.fromPath(batch), batch);
    }
    assertEquals(Optional.of(IngestRoute.METRICS), IngestRoute.fromPath("/v1/m"));
    assertEquals(Optional.of(IngestRoute.BARE), IngestRoute.fromPath("/b"), "a mobile apiHost without /v1");
    assertEquals(Optional.empty(), IngestRoute.fromPath("/v1/x"));
  }

  @Test
  void aShortPathTrackIsPlannedAsATrack() {
    Plan plan = plan("/v1/t", "{\"userId\":\"u\",\"event\":\"Clicked\"}");
    assertTrue(plan.accepted().get(0).body().contains("\"type\":\"track\""));
  }

  @Test
  void analyticsJsBatchingModeSendsTextPlainWithTheWriteKeyInTheBodyToSlashB() {
    String body = "{\"writeKey\":\"" + WRITE_KEY + "\",\"sentAt\":\"2026-11-28T12:00:05.000Z\",\"batch\":["
        + "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"A\",\"timestamp\":\"2026-11-28T12:00:00.000Z\",\"messageId\":\"m-1\"}]}";
    IngestResult result = planner().plan(ApiGatewayEvents.post("/v1/b", body, Map.of("content-type", "text/plain")));
    Plan plan = assertInstanceOf(Plan.class, result);
    assertEquals(1, plan.accepted().size());
    assertTrue(plan.accepted().get(0).body().contains("\"timestamp\":\"2026-11-28T11:59:55Z\""),
        "the envelope's sentAt corrects the browser's clock: " + plan.accepted().get(0).body());
  }

  @Test
  void libraryMetricsAreAcceptedWithoutCredentialsAndNotKept() {
    assertInstanceOf(IngestResult.Ignored.class,
        planner().plan(ApiGatewayEvents.post("/v1/m", "{\"series\":[]}", Map.of("content-type", "text/plain"))));
  }

  @Test
  void anAliasOfAUserToItselfIsSkippedWithAReason() {
    Plan plan = plan("/v1/a", "{\"userId\":\"u1\",\"previousId\":\"u1\"}");
    assertEquals(List.of(), plan.accepted());
    assertEquals(List.of(new Skipped(0, new SkipReason(SkipReason.Kind.ALIAS_TO_SELF, "alias previousId equals userId: nothing to merge in Vero"))), plan.skipped());
    assertEquals(1, plan("/v1/a", "{\"userId\":\"u1\",\"previousId\":\"anon-7\"}").accepted().size());
  }

  @Test
  void anonymousVisitorsAreQueuedUnderTheirAnonymousIdOnlyWhenTheyAreTracked() {
    String visit = "{\"batch\":[{\"type\":\"page\",\"anonymousId\":\"anon-1\",\"name\":\"Pricing\"}]}";
    assertEquals(List.of(new Skipped(0, new SkipReason(SkipReason.Kind.ANONYMOUS, "no userId: Vero identifies people by userId"))), plan("/v1/batch", visit).skipped());
    IngestPlanner tracking = new IngestPlanner(new IngestAuth(List.of(WRITE_KEY), Optional.empty()), Clock.systemUTC(),
        () -> "m-1", Optional.empty(), AnonymousUsers.TRACK, DestinationRules.NONE);
    Plan plan = assertInstanceOf(Plan.class, tracking.planPost(PlannerFixtures.request("/v1/batch", visit)));
    assertEquals("anon-1", plan.accepted().get(0).personId(), "the anonymousId orders the visitor's events");
  }

  @Test
  void aPreflightIsAnsweredWhateverThePath() {
    assertEquals(new IngestResult.Preflight(), planner().plan(ApiGatewayEvents.request("OPTIONS", "/v1/t", null, false, Map.of())));
  }

  @Test
  void settingsForAValidKeyNameTheHostTheLibraryReachedAsItsApiHost() {
    IngestResult result = planner().plan(ApiGatewayEvents.request("GET", "/v1/projects/" + WRITE_KEY + "/settings", null, false,
        Map.of("host", "127.0.0.1:3000", "x-forwarded-proto", "http")));
    JsonNode settings = assertInstanceOf(IngestResult.SdkSettings.class, result).settings();
    JsonNode segment = settings.at("/integrations/Segment.io");
    assertEquals(WRITE_KEY, segment.get("apiKey").asText());
    assertEquals("127.0.0.1:3000/v1", segment.get("apiHost").asText());
    assertEquals("http", segment.get("protocol").asText());
    assertEquals(1, settings.get("integrations").size(), "no other destination runs in the browser or the app");
    assertEquals(0, settings.at("/metrics/sampleRate").asInt());
  }

  @Test
  void aStagePrefixOrAConfiguredPublicHostIsWhatTheSettingsName() {
    JsonNode staged = ((IngestResult.SdkSettings) planner().plan(ApiGatewayEvents.request("GET",
        "/prod/v1/projects/" + WRITE_KEY + "/settings", null, false, Map.of("host", "abc.execute-api.eu-west-1.amazonaws.com"))))
        .settings();
    assertEquals("abc.execute-api.eu-west-1.amazonaws.com/prod/v1", staged.at("/integrations/Segment.io/apiHost").asText());
    assertEquals("https", staged.at("/integrations/Segment.io/protocol").asText());

    IngestPlanner behindADomain = new IngestPlanner(new IngestAuth(List.of(WRITE_KEY), Optional.empty()), Clock.systemUTC(),
        () -> "id", Optional.of(PublicApiHost.parse("events.example.com")), AnonymousUsers.SKIP,
        DestinationRules.NONE);
    JsonNode custom = ((IngestResult.SdkSettings) behindADomain.plan(ApiGatewayEvents.request("GET",
        "/v1/projects/" + WRITE_KEY + "/settings", null, false, Map.of("host", "abc.execute-api.eu-west-1.amazonaws.com"))))
        .settings();
    assertEquals("events.example.com/v1", custom.at("/integrations/Segment.io/apiHost").asText());
  }

  @Test
  void anUnknownKeyAndAnUnknownPathGetTheSame404() {
    Refused unknownKey = assertInstanceOf(Refused.class, planner().plan(ApiGatewayEvents.request("GET",
        "/v1/projects/not-a-key/settings", null, false, Map.of("host", "h"))));
    Refused unknownPath = assertInstanceOf(Refused.class, planner().plan(ApiGatewayEvents.request("GET",
        "/v1/track", null, false, Map.of("host", "h"))));
    assertEquals(404, unknownKey.status());
    assertEquals(unknownKey, unknownPath, "nothing tells a wrong key from a wrong address");
  }

  @Test
  void publicHostsAreReadWithOrWithoutSchemeAndRefusedWhenTheyAreNotHosts() {
    assertEquals(new PublicApiHost("https", "events.example.com"), PublicApiHost.parse("events.example.com"));
    assertEquals(new PublicApiHost("http", "127.0.0.1:3000/segment"), PublicApiHost.parse("http://127.0.0.1:3000/segment/"));
    for (String bad : new String[] {"ftp://x", "", "a b", "host/<script>"}) {
      try {
        PublicApiHost.parse(bad);
        throw new AssertionError("accepted " + bad);
      } catch (IllegalArgumentException expected) {
        // refused
      }
    }
  }
}
