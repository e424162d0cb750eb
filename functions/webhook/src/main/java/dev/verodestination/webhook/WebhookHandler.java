package dev.verodestination.webhook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.config.AwsSettings;
import dev.verodestination.config.Settings;
import dev.verodestination.config.WebhookConfig;
import dev.verodestination.crypto.Sha256;
import dev.verodestination.http.HttpClients;
import dev.verodestination.http.HttpEvents;
import dev.verodestination.json.Json;
import dev.verodestination.json.JsonErrors;
import dev.verodestination.log.JsonLog;
import dev.verodestination.priming.Priming;
import dev.verodestination.priming.PrimingHook;
import dev.verodestination.queue.DeadLetterQueue;
import dev.verodestination.queue.QueueUnavailableException;
import dev.verodestination.queue.SqsClients;
import dev.verodestination.segment.DryRunSegmentSender;
import dev.verodestination.segment.SegmentClient;
import dev.verodestination.segment.SegmentOutcome;
import dev.verodestination.segment.SegmentSender;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * POST /webhooks/vero/{token}: Vero's email events to Segment as Email Spec track calls. Vero cannot
 * sign its webhooks, so the token in the path is the secret. What Segment does not take is parked
 * in the webhook DLQ before the answer; only when that fails too does Vero get a 503 and retry.
 */
public final class WebhookHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  public static final int MAX_BODY_BYTES = 256 * 1024;
  public static final String ROUTE_PREFIX = "/webhooks/vero/";

  private final byte[] tokenDigest;
  private final SegmentSender segment;
  private final DeadLetterQueue parked;
  private final Clock clock;
  private final JsonLog log;

  /** Held so that the SnapStart priming hook lives as long as the handler. */
  private PrimingHook priming;

  /** The Lambda runtime's constructor: settings from the environment, clients built once per container. */
  public WebhookHandler() {
    this(Settings.fromEnvironment());
    this.priming = PrimingHook.register(() -> Priming.webhook(PrimingHook.ROUNDS));
  }

  private WebhookHandler(Settings settings) {
    this(WebhookConfig.forLambda(settings),
        SqsClients.create(AwsSettings.region(settings), AwsSettings.lambdaCredentials(), Optional.empty()),
        Clock.systemUTC(), new JsonLog("webhook"));
  }

  private WebhookHandler(WebhookConfig config, SqsClient sqs, Clock clock, JsonLog log) {
    this(config, sqs, segmentSenderFor(config, clock, log), clock, log);
  }

  /** Segment when the config has a write key; otherwise a dry run that prints what it would send. */
  public static SegmentSender segmentSenderFor(WebhookConfig config, Clock clock, JsonLog log) {
    return config.segmentWriteKey().<SegmentSender>map(key -> new SegmentClient(
            HttpClients.create(Duration.ofSeconds(3)),
            config.segmentApiUrl(), key, Duration.ofSeconds(5), config.segmentBudget(), 5, clock))
        .orElseGet(() -> new DryRunSegmentSender(log));
  }

  public WebhookHandler(WebhookConfig config, SqsClient sqs, SegmentSender segment, Clock clock, JsonLog log) {
    this.tokenDigest = Sha256.digest(config.veroWebhookToken());
    this.segment = segment;
    this.parked = new DeadLetterQueue(sqs, config.webhookDlqUrl());
    this.clock = clock;
    this.log = log;
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    ObjectNode answer = Json.object();
    int status = answer(event, answer);
    log.write(log.line(status < 500 ? "INFO" : "ERROR", "vero webhook")
        .put("status", status)
        .put("forwarded", answer.path("forwarded").asBoolean(false))
        .put("parked", answer.path("parked").asBoolean(false))
        .put("reason", answer.path("reason").asText(answer.path("error").asText(""))));
    return HttpEvents.json(status, Json.string(answer));
  }

  private int answer(APIGatewayV2HTTPEvent event, ObjectNode answer) {
    if (!"POST".equals(HttpEvents.method(event))) {
      return refuse(answer, 405, "method " + HttpEvents.method(event) + " is not allowed: use POST");
    }
    if (!Sha256.sameSecret(tokenOf(event), tokenDigest)) {
      return refuse(answer, 401, "unknown webhook token");
    }
    Optional<byte[]> body = HttpEvents.body(event);
    if (body.isEmpty()) {
      return refuse(answer, 400, "body is marked base64 but is not valid base64");
    }
    if (body.get().length > MAX_BODY_BYTES) {
      return refuse(answer, 413, "body is " + body.get().length + " bytes; the limit is " + MAX_BODY_BYTES + " (256 KB)");
    }
    JsonNode payload;
    try {
      payload = Json.MAPPER.readTree(body.get());
    } catch (JsonProcessingException e) {
      return refuse(answer, 400, "malformed JSON: " + JsonErrors.describe(e));
    } catch (IOException e) {
      return refuse(answer, 400, "malformed JSON: unreadable body");
    }
    if (payload == null || !payload.isObject()) {
      return refuse(answer, 400, "payload must be a JSON object with a \"type\"");
    }
    VeroWebhookMapping.Result mapped = VeroWebhookMapping.map(payload);
    answer.put("success", true);
    if (mapped instanceof VeroWebhookMapping.Acknowledge acknowledge) {
      answer.put("forwarded", false);
      answer.put("reason", acknowledge.reason());
      return 200;
    }
    if (mapped instanceof VeroWebhookMapping.Unforwardable unforwardable) {
      return park(answer, payload, unforwardable.reason(), 0);
    }
    ObjectNode message = ((VeroWebhookMapping.Forward) mapped).message();
    answer.put("messageId", message.get("messageId").asText());
    SegmentOutcome outcome = segment.send(message);
    if (outcome instanceof SegmentOutcome.Failed failed) {
      return park(answer, payload, failed.reason(), failed.status());
    }
    answer.put("forwarded", true);
    answer.put("event", message.get("event").asText());
    return 200;
  }

  private int park(ObjectNode answer, JsonNode payload, String reason, int status) {
    answer.put("forwarded", false);
    answer.put("reason", reason);
    String body = Json.string(payload);
    try {
      parked.park(body, Optional.empty(), Sha256.hex(body), new DeadLetterQueue.Parked(reason, status, clock.instant(), "webhook"));
    } catch (QueueUnavailableException e) {
      answer.removeAll();
      return refuse(answer, 503, "Segment did not take the event and it could not be parked: retry later");
    }
    answer.put("parked", true);
    return 200;
  }

  private static int refuse(ObjectNode answer, int status, String error) {
    answer.put("success", false);
    answer.put("error", error);
    return status;
  }

  private static String tokenOf(APIGatewayV2HTTPEvent event) {
    if (event.getPathParameters() != null && event.getPathParameters().get("token") != null) {
      return event.getPathParameters().get("token");
    }
    String path = event.getRawPath() == null ? "" : event.getRawPath();
    int at = path.indexOf(ROUTE_PREFIX);
    if (at < 0) {
      return "";
    }
    String token = path.substring(at + ROUTE_PREFIX.length());
    return token.endsWith("/") ? token.substring(0, token.length() - 1) : token;
  }
}
