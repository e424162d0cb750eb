package dev.verodestination.priming;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.json.Json;
import dev.verodestination.queue.FifoMessage;
import dev.verodestination.segment.IngestAuth;
import dev.verodestination.segment.IngestPlanner;
import dev.verodestination.segment.IngestRequest;
import dev.verodestination.segment.IngestResponses;
import dev.verodestination.segment.IngestResult;
import dev.verodestination.segment.IngestRoute;
import dev.verodestination.segment.MessageRules;
import dev.verodestination.vero.VeroMapping;
import dev.verodestination.vero.VeroRequest;
import dev.verodestination.webhook.VeroWebhookMapping;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Runs each function's hot path once on a made-up event, with no network and nothing kept: what a
 * SnapStart snapshot should have loaded, linked and compiled before it is taken, so that a restored
 * function handles its first real event warm. The priming write key lives only inside this class.
 */
public final class Priming {

  private static final String KEY = "priming-only-key";
  private static final String AUTHORIZATION = "Basic " + Base64.getEncoder().encodeToString((KEY + ":").getBytes(StandardCharsets.UTF_8));
  private static final byte[] BATCH = ("{\"batch\":[{\"type\":\"identify\",\"userId\":\"priming\",\"traits\":{\"email\":\"p@example.com\"},"
      + "\"timestamp\":\"2026-01-01T00:00:00.000Z\"},{\"type\":\"track\",\"userId\":\"priming\",\"event\":\"Primed\","
      + "\"properties\":{\"n\":1.5},\"context\":{\"traits\":{\"email\":\"p@example.com\"},\"userAgent\":\"UA\"},"
      + "\"integrations\":{\"Vero\":{\"tags\":{\"action\":\"add\",\"values\":[\"p\"]}}}},"
      + "{\"type\":\"page\",\"anonymousId\":\"a\",\"name\":\"P\"},{\"type\":\"track\",\"userId\":\"priming\"}],"
      + "\"sentAt\":\"2026-01-01T00:00:01.000Z\",\"context\":{\"library\":{\"name\":\"priming\"}}}").getBytes(StandardCharsets.UTF_8);
  private static final String WEBHOOK = "{\"type\":\"clicked\",\"clicked_at\":1767225600,\"user\":{\"id\":1,\"email\":\" p@example.com\"},"
      + "\"campaign\":{\"id\":2,\"name\":\"P\",\"subject\":\"S\",\"tags\":\"a, b\"},\"message_id\":\"m\",\"link_url\":\"https://p.test\"}";

  private Priming() {}

  /** Parse, authenticate, validate, enrich, serialise: the ingest path up to the SQS call. */
  public static List<FifoMessage> ingest(int rounds) {
    IngestPlanner planner = new IngestPlanner(new IngestAuth(List.of(KEY), Optional.of("priming")), Clock.systemUTC());
    List<FifoMessage> last = List.of();
    for (int i = 0; i < rounds; i++) {
      IngestResult result = planner.plan(new IngestRequest(IngestRoute.BATCH, BATCH, "application/json", AUTHORIZATION, null));
      IngestResult.Plan plan = (IngestResult.Plan) result;
      IngestResponses.enqueued(plan);
      last = plan.accepted();
    }
    return last;
  }

  /** Parse a queued message, map it to Vero requests, serialise their bodies: the deliver path up to the HTTP call. */
  public static int deliver(int rounds) {
    List<FifoMessage> queued = ingest(1);
    int bytes = 0;
    for (int i = 0; i < rounds; i++) {
      for (FifoMessage message : queued) {
        VeroMapping.Result mapped = VeroMapping.map(read(message.body()), "priming");
        for (VeroRequest request : ((VeroMapping.Requests) mapped).requests()) {
          bytes += Json.bytes(request.body()).length;
        }
      }
    }
    return bytes;
  }

  /** Parse a Vero webhook, map it to an Email Spec track call, check and serialise it. */
  public static int webhook(int rounds) {
    int bytes = 0;
    for (int i = 0; i < rounds; i++) {
      VeroWebhookMapping.Forward forward = (VeroWebhookMapping.Forward) VeroWebhookMapping.map(read(WEBHOOK));
      MessageRules.check(forward.message());
      bytes += Json.bytes(forward.message()).length;
    }
    return bytes;
  }

  private static JsonNode read(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
