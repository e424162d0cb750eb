package dev.verodestination.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.verodestination.config.AwsSettings;
import dev.verodestination.config.IngestConfig;
import dev.verodestination.config.Settings;
import dev.verodestination.http.HttpEvents;
import dev.verodestination.log.JsonLog;
import dev.verodestination.priming.Priming;
import dev.verodestination.priming.PrimingHook;
import dev.verodestination.queue.FifoPublisher;
import dev.verodestination.queue.QueueUnavailableException;
import dev.verodestination.queue.SqsClients;
import dev.verodestination.segment.IngestAuth;
import dev.verodestination.segment.IngestPlanner;
import dev.verodestination.segment.IngestRequest;
import dev.verodestination.segment.IngestResponses;
import dev.verodestination.segment.IngestResponses.Answer;
import dev.verodestination.segment.IngestResult;
import dev.verodestination.segment.IngestRoute;
import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;

/** POST /v1/{type}, /v1/batch, /v1/import and bare bodies: validate, then put on the FIFO queue. */
public final class IngestHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private final IngestPlanner planner;
  private final FifoPublisher publisher;
  private final JsonLog log;

  /** Held so that the SnapStart priming hook lives as long as the handler. */
  private PrimingHook priming;

  /** The Lambda runtime's constructor: settings from the environment, clients built once per container. */
  public IngestHandler() {
    this(Settings.fromEnvironment());
    this.priming = PrimingHook.register(() -> Priming.ingest(PrimingHook.ROUNDS));
  }

  private IngestHandler(Settings settings) {
    this(IngestConfig.from(settings),
        SqsClients.create(AwsSettings.region(settings), AwsSettings.lambdaCredentials(), Optional.empty()),
        Clock.systemUTC());
  }

  public IngestHandler(IngestConfig config, SqsClient sqs, Clock clock) {
    this(config, sqs, clock, new JsonLog("ingest"));
  }

  public IngestHandler(IngestConfig config, SqsClient sqs, Clock clock, JsonLog log) {
    this.log = log;
    this.planner = new IngestPlanner(new IngestAuth(config.writeKeys(), config.webhookSharedSecret()), clock);
    this.publisher = new FifoPublisher(sqs, config.queueUrl());
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    long started = System.nanoTime();
    Answer answer = answer(event);
    var line = log.line(answer.status() < 500 ? "INFO" : "ERROR", "ingest request")
        .put("path", event.getRawPath())
        .put("status", answer.status())
        .put("millis", (System.nanoTime() - started) / 1_000_000);
    log.write(line);
    return HttpEvents.json(answer.status(), answer.body());
  }

  private Answer answer(APIGatewayV2HTTPEvent event) {
    String method = HttpEvents.method(event);
    if (!"POST".equals(method)) {
      return IngestResponses.error(405, "method " + method + " is not allowed: use POST");
    }
    Optional<IngestRoute> route = IngestRoute.fromPath(event.getRawPath());
    if (route.isEmpty()) {
      return IngestResponses.error(404, "unknown route: use /v1/identify, /v1/track, /v1/page, /v1/screen, "
          + "/v1/group, /v1/alias, /v1/batch or /v1/import");
    }
    Optional<byte[]> body = HttpEvents.body(event);
    if (body.isEmpty()) {
      return IngestResponses.error(400, "body is marked base64 but is not valid base64");
    }
    IngestRequest request = new IngestRequest(route.get(), body.get(),
        HttpEvents.header(event, "content-type"),
        HttpEvents.header(event, "authorization"),
        HttpEvents.header(event, "x-signature"),
        HttpEvents.header(event, "content-encoding"));
    IngestResult result = planner.plan(request);
    if (result instanceof IngestResult.Refused refused) {
      return IngestResponses.error(refused.status(), refused.error());
    }
    IngestResult.Plan plan = (IngestResult.Plan) result;
    try {
      publisher.publish(plan.accepted());
    } catch (QueueUnavailableException e) {
      log.error("queue unavailable: " + e.getMessage());
      return IngestResponses.error(503, "the queue is unavailable, nothing was accepted: retry the request");
    }
    return IngestResponses.enqueued(plan);
  }
}
