package dev.verodestination.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.verodestination.http.BasicAuth;
import dev.verodestination.ingest.rules.DestinationRules;
import dev.verodestination.priming.LoopbackStandIn;
import dev.verodestination.priming.PrimingHook;
import dev.verodestination.priming.PrimingParts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import dev.verodestination.segment.AnonymousUsers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What a SnapStart snapshot of ingest should hold loaded, linked and compiled: the handler's own
 * decision (read the event, authenticate, validate, enrich, serialise) and its answer, on a made-up
 * event; then the whole handler, publisher and AWS SDK request path included, against a stand-in of
 * SQS on 127.0.0.1. Nothing leaves the machine and nothing is kept. The priming key lives only
 * inside this class.
 */
public final class IngestPriming {

  private static final String KEY = "priming-only-key";
  private static final String BATCH = "{\"batch\":[{\"type\":\"identify\",\"userId\":\"priming\",\"traits\":{\"email\":\"p@example.com\"},"
      + "\"timestamp\":\"2026-01-01T00:00:00.000Z\"},{\"type\":\"track\",\"userId\":\"priming\",\"event\":\"Primed\","
      + "\"properties\":{\"n\":1.5},\"context\":{\"traits\":{\"email\":\"p@example.com\"},\"userAgent\":\"UA\"},"
      + "\"integrations\":{\"Vero\":{\"tags\":{\"action\":\"add\",\"values\":[\"p\"]}}}},"
      + "{\"type\":\"page\",\"anonymousId\":\"a\",\"name\":\"P\"},{\"type\":\"track\",\"userId\":\"priming\"}],"
      + "\"sentAt\":\"2026-01-01T00:00:01.000Z\",\"context\":{\"library\":{\"name\":\"priming\"}}}";
  private static final String TRACK = "{\"userId\":\"priming\",\"event\":\"Primed\",\"properties\":{\"n\":1}}";

  /** Every kind of rule, none of which rules out or changes the made-up messages: the rules' code compiled too. */
  private static final DestinationRules RULES = DestinationRules.parse(
      "{\"events\":{\"allow\":[\"Prim*\"],\"deny\":[\"Debug *\"],\"rename\":{\"Other\":\"other\"}},"
      + "\"drop\":[\"properties.products.sku\",\"context.ip\"],\"consent\":{\"categories\":[\"Priming\"],\"whenMissing\":\"send\"},"
      + "\"identity\":{\"id\":[\"userId\",\"traits.member_id\"],\"emailOnly\":\"id\"}}");

  private IngestPriming() {}

  /** What the SnapStart hook runs: the decision until it is compiled, then the whole handler. */
  public static void beforeSnapshot() {
    run(PrimingHook.ROUNDS);
    throughHandler(PrimingHook.HANDLER_ROUNDS);
  }

  /** Returns the last round's accepted messages of the batch, so that a test can see the path was walked whole. */
  public static List<AcceptedMessage> run(int rounds) {
    IngestPlanner planner = new IngestPlanner(new IngestAuth(List.of(KEY), Optional.of("priming")), Clock.systemUTC(),
        IngestPlanner.RANDOM_MESSAGE_IDS, Optional.empty(), AnonymousUsers.SKIP, RULES);
    List<APIGatewayV2HTTPEvent> events = events();
    List<AcceptedMessage> last = List.of();
    for (int i = 0; i < rounds; i++) {
      for (APIGatewayV2HTTPEvent event : events) {
        IngestResult.Plan plan = (IngestResult.Plan) planner.plan(event);
        IngestResponses.enqueued(plan).response();
        last = event == events.get(0) ? plan.accepted() : last;
      }
    }
    return last;
  }

  /**
   * The handler as the Lambda runtime calls it, built by the function's own wiring around a stand-in
   * SQS; returns how many rounds ended with the messages queued (a 200).
   */
  public static int throughHandler(int rounds) {
    int queued = 0;
    try (LoopbackStandIn standIn = LoopbackStandIn.start(); SqsClient sqs = PrimingParts.sqs(standIn)) {
      IngestHandler handler = new IngestHandler(IngestWiring.wire(
          new IngestConfig(List.of(KEY), Optional.empty(), PrimingParts.fifoQueueUrl(standIn)), sqs, Clock.systemUTC(),
          PrimingParts.quietLog("ingest")));
      List<APIGatewayV2HTTPEvent> events = events();
      for (int i = 0; i < rounds; i++) {
        int answered = 0;
        for (APIGatewayV2HTTPEvent event : events) {
          answered += handler.handleRequest(event, null).getStatusCode() == 200 ? 1 : 0;
        }
        queued += answered == events.size() ? 1 : 0;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the priming stand-in did not start", e);
    }
    return queued;
  }

  /**
   * A batch, then one track on the long and on the short path: each kind of route a real event takes
   * has run before the snapshot, so that the first event after a restore finds its code linked.
   */
  private static List<APIGatewayV2HTTPEvent> events() {
    return List.of(event("/v1/batch", BATCH), event("/v1/track", TRACK), event("/v1/t", TRACK));
  }

  private static APIGatewayV2HTTPEvent event(String path, String body) {
    return APIGatewayV2HTTPEvent.builder()
        .withRawPath(path)
        .withHeaders(Map.of("content-type", "application/json", "authorization", BasicAuth.header(KEY)))
        .withBody(body)
        .withIsBase64Encoded(false)
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").build()).build())
        .build();
  }
}
