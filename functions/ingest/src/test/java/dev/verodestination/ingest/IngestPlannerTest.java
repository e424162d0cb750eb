package dev.verodestination.ingest;

import static dev.verodestination.ingest.PlannerFixtures.SECRET;
import static dev.verodestination.ingest.PlannerFixtures.WRITE_KEY;
import static dev.verodestination.ingest.PlannerFixtures.basic;
import static dev.verodestination.ingest.PlannerFixtures.plan;
import static dev.verodestination.ingest.PlannerFixtures.planner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verodestination.ingest.IngestResult.Plan;
import dev.verodestination.segment.MessageRules;
import dev.verodestination.ingest.IngestResult.Refused;
import dev.verodestination.ingest.IngestResult.Rejected;
import dev.verodestination.ingest.IngestResult.Skipped;
import dev.verodestination.ingest.rules.DestinationRules;
import dev.verodestination.ingest.rules.SkipReason;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class IngestPlannerTest {

  private static IngestResult planRaw(String path, String body, String contentType, String authorization, String signature) {
    return planner().planPost(new IngestRequest(IngestRoute.fromPath(path).orElseThrow(),
        body.getBytes(StandardCharsets.UTF_8), contentType, authorization, signature));
  }

  @Test
  void aTrackCallBecomesOneEnrichedQueueMessageGroupedByUser() {
    Plan plan = plan("/v1/track", "{\"userId\":\"u1\",\"event\":\"Signed Up\",\"properties\":{\"plan\":\"pro\"}}");
    assertEquals(List.of(new AcceptedMessage("u1", "generated-1",
        "{\"userId\":\"u1\",\"event\":\"Signed Up\",\"properties\":{\"plan\":\"pro\"},\"type\":\"track\","
            + "\"messageId\":\"generated-1\",\"receivedAt\":\"2026-11-28T12:00:00Z\",\"timestamp\":\"2026-11-28T12:00:00Z\"}")),
        plan.accepted());
  }

  @Test
  void aDeletionRequestIsQueuedInItsUsersGroupBareAndSignedOrInABatchAndNeedsOnlyItsUserId() throws Exception {
    // as Segment's Webhooks destination forwards one
    String bare = "{\"type\":\"delete\",\"userId\":\"gone-42\",\"messageId\":\"del-1\",\"context\":{},"
        + "\"timestamp\":\"2026-11-28T11:59:00Z\"}";
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    Plan signed = assertInstanceOf(Plan.class, planRaw("/", bare, "application/json", null,
        HexFormat.of().formatHex(mac.doFinal(bare.getBytes(StandardCharsets.UTF_8)))));
    assertEquals(List.of(new AcceptedMessage("gone-42", "del-1", "{\"type\":\"delete\",\"userId\":\"gone-42\",\"messageId\":\"del-1\","
        + "\"context\":{},\"timestamp\":\"2026-11-28T11:59:00Z\",\"receivedAt\":\"2026-11-28T12:00:00Z\"}")), signed.accepted());

    Plan batch = plan("/v1/batch", "{\"batch\":[{\"type\":\"track\",\"userId\":\"gone-42\",\"event\":\"Last\"},"
        + "{\"type\":\"delete\",\"userId\":\"gone-42\"},{\"type\":\"delete\",\"anonymousId\":\"a-1\"}]}");
    assertEquals(List.of("gone-42", "gone-42"), batch.accepted().stream().map(AcceptedMessage::personId).toList(),
        "the user's earlier track and the delete share one FIFO group, in that order");
    assertEquals(List.of(new Rejected(2, "delete requires \"userId\"")), batch.rejected());
    assertEquals(java.util.Optional.empty(), IngestRoute.fromPath("/v1/delete"), "no route of its own");
  }

  @Test
  void theTimestampIsCorrectedForTheSendersClockSkew() {
    // the sender's clock is 10 s ahead: it sent at 12:00:10 its time, an event of 11:59:00 its time
    Plan plan = plan("/v1/batch", "{\"sentAt\":\"2026-11-28T12:00:10Z\",\"batch\":[{\"type\":\"track\",\"userId\":7,"
        + "\"event\":\"E\",\"messageId\":\"m-1\",\"timestamp\":\"2026-11-28T11:59:00Z\"}]}");
    assertEquals("{\"type\":\"track\",\"userId\":7,\"event\":\"E\",\"messageId\":\"m-1\",\"timestamp\":\"2026-11-28T11:58:50Z\","
        + "\"sentAt\":\"2026-11-28T12:00:10Z\",\"receivedAt\":\"2026-11-28T12:00:00Z\",\"originalTimestamp\":\"2026-11-28T11:59:00Z\"}",
        plan.accepted().get(0).body());
    assertEquals("7", plan.accepted().get(0).personId(), "a numeric userId groups as its string");
  }

  @Test
  void aTimeFieldTheRulesDropIsNotUsedToCorrectTheTimestamp() {
    // the Spec rules read sentAt before the drop: enrichment must not correct by a field that is gone
    Plan plan = PlannerFixtures.plan(DestinationRules.parse("{\"drop\":[\"sentAt\"]}"), "/v1/batch",
        "{\"sentAt\":\"2026-11-28T12:00:10Z\",\"batch\":[{\"type\":\"track\",\"userId\":\"7\",\"event\":\"E\","
            + "\"messageId\":\"m-1\",\"timestamp\":\"2026-11-28T11:59:00Z\"}]}");
    assertEquals("{\"type\":\"track\",\"userId\":\"7\",\"event\":\"E\",\"messageId\":\"m-1\",\"timestamp\":\"2026-11-28T11:59:00Z\","
        + "\"receivedAt\":\"2026-11-28T12:00:00Z\"}", plan.accepted().get(0).body());
  }

  @Test
  void theBatchContextMergesUnderEachItemsOwnKeys() {
    Plan plan = plan("/v1/batch", "{\"context\":{\"ip\":\"1.2.3.4\",\"locale\":\"en\"},\"integrations\":{\"All\":false},"
        + "\"batch\":[{\"type\":\"identify\",\"userId\":\"a\",\"context\":{\"locale\":\"fr\"},\"integrations\":{\"Vero\":true}},"
        + "{\"type\":\"identify\",\"userId\":\"b\"}]}");
    assertEquals(1, plan.accepted().size());
    assertTrue(plan.accepted().get(0).body().contains("\"context\":{\"ip\":\"1.2.3.4\",\"locale\":\"fr\"}"));
    assertEquals(List.of(new Skipped(1, new SkipReason(SkipReason.Kind.INTEGRATIONS_OFF, "integrations turn Vero off"))), plan.skipped());
  }

  @Test
  void oneBadMessageNeverCostsItsNeighbours() {
    Plan plan = plan("/v1/batch", "{\"batch\":[{\"type\":\"track\",\"userId\":\"a\",\"event\":\"ok\"},"
        + "{\"type\":\"track\",\"userId\":\"a\"},"
        + "{\"type\":\"group\",\"anonymousId\":\"anon\",\"groupId\":\"g\"},"
        + "{\"type\":\"identify\",\"userId\":\"c\",\"integrations\":{\"Vero\":false}},"
        + "{\"type\":\"page\",\"userId\":\"d\",\"properties\":[1]},"
        + "42]}");
    assertEquals(1, plan.accepted().size());
    assertEquals(List.of(new Skipped(2, new SkipReason(SkipReason.Kind.ANONYMOUS, "no userId: Vero identifies people by userId")),
        new Skipped(3, new SkipReason(SkipReason.Kind.INTEGRATIONS_OFF, "integrations turn Vero off"))), plan.skipped());
    assertEquals(List.of(new Rejected(1, "track requires \"event\""), new Rejected(4, "\"properties\" must be an object"),
        new Rejected(5, IngestResult.RejectKind.NOT_AN_OBJECT, "message must be a JSON object (got a number)")), plan.rejected());
    assertEquals("{\"success\":true,\"accepted\":1,\"skipped\":[{\"index\":2,\"reason\":\"no userId: Vero identifies people by userId\"},"
        + "{\"index\":3,\"reason\":\"integrations turn Vero off\"}],\"rejected\":[{\"index\":1,\"error\":\"track requires \\\"event\\\"\"},"
        + "{\"index\":4,\"error\":\"\\\"properties\\\" must be an object\"},{\"index\":5,\"error\":\"message must be a JSON object (got a number)\"}]}",
        IngestResponses.enqueued(plan).response().getBody());
  }

  @Test
  void theRouteTypeWinsOverTheBodyType() {
    Plan plan = plan("/v1/identify", "{\"type\":\"track\",\"userId\":\"u\"}");
    assertTrue(plan.accepted().get(0).body().contains("\"type\":\"identify\""));
  }

  @Test
  void writeKeyInTheBodyAuthorisesAndIsNeverQueued() {
    IngestResult result = planRaw("/v1/identify", "{\"userId\":\"u\",\"writeKey\":\"" + WRITE_KEY + "\"}", "application/json", null, null);
    Plan plan = assertInstanceOf(Plan.class, result);
    assertTrue(!plan.accepted().get(0).body().contains(WRITE_KEY));
  }

  @Test
  void aSegmentWebhooksSignatureAuthorisesABareBody() throws Exception {
    String body = "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\"}";
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    String signature = HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    assertInstanceOf(Plan.class, planRaw("/", body, "application/json", null, signature));
    assertEquals(401, ((Refused) planRaw("/", body + " ", "application/json", null, signature)).status(),
        "the signature of another body");
  }

  @Test
  void requestsWithoutValidCredentialsAreRefused() {
    String body = "{\"userId\":\"u\"}";
    for (String authorization : new String[] {null, basic("wrong"), "Basic " + java.util.Base64.getEncoder()
        .encodeToString((":" + WRITE_KEY).getBytes(StandardCharsets.UTF_8)), "Bearer " + WRITE_KEY, "Basic !!!"}) {
      Refused refused = assertInstanceOf(Refused.class, planRaw("/v1/identify", body, null, authorization, null));
      assertEquals(401, refused.status(), String.valueOf(authorization));
      assertTrue(!refused.error().contains(WRITE_KEY));
    }
  }

  @Test
  void requestErrorsNameTheProblem() {
    String auth = basic(WRITE_KEY);
    assertEquals(new Refused(400, "malformed JSON: Unexpected end-of-input: expected close marker for Object (line 1, column 2)"),
        planRaw("/v1/track", "{", null, auth, null));
    assertEquals(new Refused(400, "body must be a JSON object (got a string)"), planRaw("/v1/track", "\"hi\"", null, auth, null));
    assertEquals(new Refused(400, "body must be a JSON object or array (got a number)"), planRaw("/", "12", null, auth, null));
    assertEquals(new Refused(400, "\"batch\" must be an array of messages"), planRaw("/v1/batch", "{\"batch\":{}}", null, auth, null));
    assertEquals(new Refused(400, "malformed JSON (the body is read as JSON whatever its Content-Type; this one says "
            + "application/x-www-form-urlencoded): Unrecognized token 'userId': was expecting (JSON String, Number, Array, Object or "
            + "token 'null', 'true' or 'false') (line 1, column 1)"),
        planRaw("/v1/track", "userId=u", "application/x-www-form-urlencoded; charset=utf-8", auth, null));
    assertEquals(new Refused(400, "body is empty: expected a JSON object or array"), planRaw("/v1/track", "", null, auth, null));
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    Refused nested = assertInstanceOf(Refused.class, planRaw("/", deep, null, auth, null));
    assertEquals(400, nested.status());
    assertTrue(nested.error().startsWith("malformed JSON: JSON nests deeper than 64 levels"), nested.error());
    Refused duplicate = assertInstanceOf(Refused.class, planRaw("/v1/track", "{\"userId\":\"a\",\"userId\":\"b\"}", null, auth, null));
    assertTrue(duplicate.error().startsWith("malformed JSON: Duplicate field 'userId'"), duplicate.error());
  }

  @Test
  void tooBigOrTooManyIsRefusedWhole() {
    String auth = basic(WRITE_KEY);
    Refused big = assertInstanceOf(Refused.class,
        planRaw("/v1/track", "{\"userId\":\"" + "x".repeat(600 * 1024) + "\"}", null, auth, null));
    assertEquals(413, big.status());
    String item = "{\"type\":\"identify\",\"userId\":\"u\"}";
    String many = "{\"batch\":[" + String.join(",", java.util.Collections.nCopies(2501, item)) + "]}";
    assertEquals(new Refused(413, "request has 2501 messages; the limit is 2500"), planRaw("/v1/batch", many, null, auth, null));
  }

  @Test
  void theSizeLimitIsExactOnTheMessageAsSentWhateverEnrichmentAdds() {
    for (String extra : new String[] {"", ",\"timestamp\":\"2026-11-28T11:00:00+01:00\",\"sentAt\":\"2026-11-28T11:00:01Z\"",
        ",\"messageId\":\"\",\"receivedAt\":null", ",\"originalTimestamp\":null,\"timestamp\":\"2026-11-28T11:00:00Z\",\"sentAt\":\"2026-11-28T11:00:01Z\""}) {
      String head = "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\"" + extra + ",\"properties\":{\"pad\":\"";
      String tail = "\"}}";
      String exactly = head + "é".repeat((MessageRules.MAX_MESSAGE_BYTES - head.length() - tail.length()) / 2) + tail;
      if (exactly.getBytes(StandardCharsets.UTF_8).length < MessageRules.MAX_MESSAGE_BYTES) {
        exactly = exactly.replace("\"pad\":\"", "\"pad\":\"x");
      }
      assertEquals(MessageRules.MAX_MESSAGE_BYTES, exactly.getBytes(StandardCharsets.UTF_8).length);
      String oneOver = exactly.replace("\"pad\":\"", "\"pad\":\"y");
      Plan plan = plan("/v1/batch", "{\"batch\":[" + exactly + "," + oneOver + "]}");
      assertEquals(1, plan.accepted().size(), extra);
      assertEquals(List.of(new Rejected(1, IngestResult.RejectKind.TOO_LARGE, "message is 32769 bytes; the limit is 32768 (32 KB)")), plan.rejected(), extra);
    }
  }

  @Test
  void gzipBodiesAsSomeSegmentLibrariesSendThemAreInflatedWithinTheLimit() throws Exception {
    String json = "{\"batch\":[{\"type\":\"track\",\"userId\":\"u\",\"event\":\"Zipped\"}]}";
    IngestResult ok = planner().planPost(new IngestRequest(IngestRoute.BATCH, gzip(json.getBytes(StandardCharsets.UTF_8)),
        "application/json", basic(WRITE_KEY), null, "gzip"));
    assertTrue(assertInstanceOf(Plan.class, ok).accepted().get(0).body().contains("\"event\":\"Zipped\""));

    byte[] bomb = gzip(("{\"batch\":[],\"pad\":\"" + " ".repeat(5_000_000) + "\"}").getBytes(StandardCharsets.UTF_8));
    assertTrue(bomb.length < 50_000, "five megabytes of spaces compress to a few kilobytes");
    assertEquals(new Refused(413, "body is over 512000 bytes (500 KB) once decompressed"),
        planner().planPost(new IngestRequest(IngestRoute.BATCH, bomb, "application/json", basic(WRITE_KEY), null, "gzip")));
    assertEquals(new Refused(400, "body is marked gzip but is not valid gzip"),
        planner().planPost(new IngestRequest(IngestRoute.BATCH, json.getBytes(StandardCharsets.UTF_8), "application/json",
            basic(WRITE_KEY), null, "gzip")));
    assertEquals(new Refused(415, "Content-Encoding must be gzip or none"),
        planner().planPost(new IngestRequest(IngestRoute.BATCH, json.getBytes(StandardCharsets.UTF_8), "application/json",
            basic(WRITE_KEY), null, "br")));
  }

  @Test
  void aBodyIsReadAsJsonWhateverItsContentTypeSaysGzippedOrNot() throws Exception {
    String json = "{\"batch\":[{\"type\":\"track\",\"userId\":\"u\",\"event\":\"Labelled\"}]}";
    byte[] zipped = gzip(json.getBytes(StandardCharsets.UTF_8));
    // RudderStack's Node SDK: gzip, Content-Encoding gzip, axios's default form label
    IngestResult rudderStack = planner().planPost(new IngestRequest(IngestRoute.BATCH, zipped,
        "application/x-www-form-urlencoded", basic(WRITE_KEY), null, "gzip"));
    assertEquals(1, assertInstanceOf(Plan.class, rudderStack).accepted().size(), rudderStack.toString());
    // gzip that no header announces is told by its magic number
    IngestResult unannounced = planner().planPost(new IngestRequest(IngestRoute.BATCH, zipped, null, basic(WRITE_KEY), null, null));
    assertEquals(1, assertInstanceOf(Plan.class, unannounced).accepted().size(), unannounced.toString());
    for (String label : List.of("text/html", "application/octet-stream", "multipart/form-data; boundary=x", "text/plain")) {
      IngestResult labelled = planRaw("/v1/batch", json, label, basic(WRITE_KEY), null);
      assertEquals(1, assertInstanceOf(Plan.class, labelled).accepted().size(), label);
    }
  }

  private static byte[] gzip(byte[] bytes) throws java.io.IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream zip = new java.util.zip.GZIPOutputStream(out)) {
      zip.write(bytes);
    }
    return out.toByteArray();
  }

  @Test
  void unknownV1RoutesAreNotRoutes() {
    assertTrue(IngestRoute.fromPath("/v1/purchase").isEmpty());
    assertEquals(IngestRoute.BATCH, IngestRoute.fromPath("/prod/v1/import").orElseThrow());
    assertEquals(IngestRoute.BARE, IngestRoute.fromPath("/").orElseThrow());
  }

  @Test
  void theRulesSkipByIndexAfterValidationAndShapeWhatIsQueued() {
    DestinationRules rules = DestinationRules.parse("{\"events\":{\"allow\":[\"Order *\",\"Signed Up\"],\"rename\":{\"Signed Up\":\"signup\"}},"
        + "\"drop\":[\"context.ip\",\"traits.password\"],\"consent\":{\"categories\":[\"Marketing\"],\"whenMissing\":\"skip\"}}");
    String granted = ",\"context\":{\"ip\":\"203.0.113.7\",\"consent\":{\"categoryPreferences\":{\"Marketing\":true}}}";
    Plan plan = PlannerFixtures.plan(rules, "/v1/batch", "{\"batch\":["
        + "{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"Signed Up\",\"messageId\":\"m0\"" + granted + "},"
        + "{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"Viewed Pricing\"" + granted + "},"
        + "{\"type\":\"track\",\"userId\":\"u1\"" + granted + "},"
        + "{\"type\":\"identify\",\"userId\":\"u1\",\"traits\":{\"password\":\"hunter2\",\"plan\":\"pro\"}},"
        + "{\"type\":\"identify\",\"userId\":\"u1\",\"messageId\":\"m4\",\"traits\":{\"password\":\"hunter2\",\"plan\":\"pro\"}" + granted + "},"
        + "{\"type\":\"delete\",\"userId\":\"u1\",\"messageId\":\"m5\"}]}");
    assertEquals(List.of(new Skipped(1, new SkipReason(SkipReason.Kind.FILTERED, "filtered: the event matches no events.allow pattern")),
        new Skipped(3, new SkipReason(SkipReason.Kind.NO_CONSENT, "no-consent: the message has no context.consent.categoryPreferences and consent.whenMissing is skip"))), plan.skipped());
    assertEquals(List.of(new Rejected(2, "track requires \"event\"")), plan.rejected(), "an invalid message is rejected, not filtered");
    assertEquals(List.of(
        new AcceptedMessage("u1", "m0", "{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"signup\",\"messageId\":\"m0\","
            + "\"context\":{\"consent\":{\"categoryPreferences\":{\"Marketing\":true}}},\"receivedAt\":\"2026-11-28T12:00:00Z\","
            + "\"timestamp\":\"2026-11-28T12:00:00Z\"}"),
        new AcceptedMessage("u1", "m4", "{\"type\":\"identify\",\"userId\":\"u1\",\"messageId\":\"m4\",\"traits\":{\"plan\":\"pro\"},"
            + "\"context\":{\"consent\":{\"categoryPreferences\":{\"Marketing\":true}}},\"receivedAt\":\"2026-11-28T12:00:00Z\","
            + "\"timestamp\":\"2026-11-28T12:00:00Z\"}"),
        new AcceptedMessage("u1", "m5", "{\"type\":\"delete\",\"userId\":\"u1\",\"messageId\":\"m5\",\"receivedAt\":\"2026-11-28T12:00:00Z\","
            + "\"timestamp\":\"2026-11-28T12:00:00Z\"}")),
        plan.accepted(), "renamed, the ip and password gone; a deletion request passes the consent rule");
  }

  @Test
  void theSizeLimitIsOnWhatVeroWouldGetAfterTheDrops() {
    String head = "{\"userId\":\"u1\",\"event\":\"E\",\"properties\":{\"blob\":\"";
    String oversized = head + "x".repeat(MessageRules.MAX_MESSAGE_BYTES) + "\",\"kept\":1}}";
    assertEquals(List.of(new Rejected(0, IngestResult.RejectKind.TOO_LARGE, "message is " + (oversized.length() + 15) + " bytes; the limit is 32768 (32 KB)")),
        PlannerFixtures.plan(DestinationRules.NONE, "/v1/batch", "{\"batch\":[" + oversized.replace("{\"userId", "{\"type\":\"track\",\"userId") + "]}").rejected());
    Plan dropped = PlannerFixtures.plan(DestinationRules.parse("{\"drop\":[\"properties.blob\"]}"), "/v1/track", oversized);
    assertEquals(List.of(), dropped.rejected());
    assertTrue(dropped.accepted().get(0).body().startsWith("{\"userId\":\"u1\",\"event\":\"E\",\"properties\":{\"kept\":1},"),
        dropped.accepted().get(0).body());
  }

  @Test
  void withEmailOnlyIdALeadKnownByEmailIsQueuedUnderItsLowerCasedEmailAndOneKnownByNothingIsSkippedNamingIdentity() {
    DestinationRules rules = DestinationRules.parse("{\"identity\":{\"id\":[\"userId\",\"traits.member_id\"],\"emailOnly\":\"id\"}}");
    Plan plan = plan(rules, "/v1/batch", "{\"batch\":["
        + "{\"type\":\"identify\",\"anonymousId\":\"a-1\",\"traits\":{\"email\":\"Lead@Example.com\"}},"
        + "{\"type\":\"track\",\"anonymousId\":\"a-1\",\"event\":\"E\",\"context\":{\"traits\":{\"email\":\"Lead@Example.com\"}}},"
        + "{\"type\":\"identify\",\"anonymousId\":\"a-2\",\"traits\":{\"member_id\":4711}},"
        + "{\"type\":\"track\",\"anonymousId\":\"a-3\",\"event\":\"E\"}]}");
    assertEquals(List.of("lead@example.com", "lead@example.com", "4711"), plan.accepted().stream().map(AcceptedMessage::personId).toList(),
        "a lead's messages share one FIFO group, the profile's id");
    assertEquals(List.of(new Skipped(3, new SkipReason(SkipReason.Kind.ANONYMOUS, "identity: no id at [userId, traits.member_id], no email at [traits.email or context.traits.email]"))),
        plan.skipped());
    assertEquals("anonymous", plan.skipped().get(0).reason().kind().word);
    assertEquals(List.of(new Skipped(0, new SkipReason(SkipReason.Kind.ANONYMOUS, "no userId: Vero identifies people by userId"))),
        plan("/v1/batch", "{\"batch\":[{\"type\":\"identify\",\"anonymousId\":\"a-1\",\"traits\":{\"email\":\"l@example.com\"}}]}")
            .skipped(), "without the rules, Segment's: skipped");
  }

  @Test
  void anIdentifyTheWebhookMadeOfAVeroProfileChangeIsSkippedAsVerosOwnWhateverItsIntegrationsSay() {
    Plan plan = plan("/v1/batch", "{\"batch\":["
        + "{\"type\":\"identify\",\"userId\":\"123\",\"traits\":{\"vero_tag_vip\":true},\"context\":{\"integration\":{\"name\":\"vero\"}},"
        + "\"integrations\":{\"Vero\":false}},"
        + "{\"type\":\"identify\",\"userId\":\"123\",\"context\":{\"integration\":{\"name\":\"Vero\"}},\"integrations\":{\"All\":true}},"
        + "{\"type\":\"identify\",\"userId\":\"123\",\"context\":{\"integration\":{\"name\":\"stripe\"}}}]}");
    SkipReason reason = new SkipReason(SkipReason.Kind.FROM_VERO,
        "from Vero: a profile change Vero sent (context.integration.name \"vero\") never goes back to it");
    assertEquals(List.of(new Skipped(0, reason), new Skipped(1, reason)), plan.skipped());
    assertEquals(1, plan.accepted().size(), "another cloud source's message goes to Vero");
    assertEquals("from-vero", reason.kind().word);
  }
}
