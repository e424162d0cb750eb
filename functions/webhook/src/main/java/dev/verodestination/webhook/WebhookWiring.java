package dev.verodestination.webhook;

import dev.verodestination.config.AwsSettings;
import dev.verodestination.config.InvalidSettingException;
import dev.verodestination.config.LambdaSettings;
import dev.verodestination.config.Settings;
import dev.verodestination.http.HttpClients;
import dev.verodestination.log.JsonLog;
import dev.verodestination.queue.DeadLetterQueue;
import dev.verodestination.queue.SqsClients;
import dev.verodestination.retry.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The webhook function's one composition root: the Lambda constructor and the local runner both build
 * the handler's parts here, and tests pass their SQS endpoint, clock and log through the same seam.
 * The runner passes its own sender to Segment through the same seam.
 */
public final class WebhookWiring {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
  /** As Segment's SDKs retry: from 100 ms, doubling, within the config's budget. */
  private static final RetryPolicy SEGMENT_RETRIES = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(5), 5);

  /** What the handler works with, built once per container. */
  public record Parts(WebhookIntake intake, SegmentSender segment, DeadLetterQueue parked, Clock clock, JsonLog log) {}

  private WebhookWiring() {}

  /**
   * The parts as Lambda runs them: Segment reached with the config's write key; without one (a team
   * that does not want Vero's events back), every webhook is parked saying so.
   */
  public static Parts wire(WebhookConfig config, SqsClient sqs, Clock clock, JsonLog log) {
    SegmentSender segment = config.segmentWriteKey().isPresent() ? segmentClient(config, clock) : new SegmentSourceUnset();
    return wire(config, sqs, segment, clock, log);
  }

  /** Where the sender to Segment is the caller's: the local runner's dry run. */
  public static Parts wire(WebhookConfig config, SqsClient sqs, SegmentSender segment, Clock clock, JsonLog log) {
    return new Parts(new WebhookIntake(config.veroWebhookToken(), config.profileWebhooks()), segment, new DeadLetterQueue(sqs, config.webhookDlqUrl()), clock, log);
  }

  /** Segment's Tracking API at the config's URL, with its write key; one HTTP client per container. */
  public static SegmentSender segmentClient(WebhookConfig config, Clock clock) {
    String key = config.segmentWriteKey().orElseThrow(() -> new InvalidSettingException(
        "missing required setting SEGMENT_WRITE_KEY: the webhook function sends Vero's events to Segment with it"));
    return new SegmentClient(HttpClients.create(CONNECT_TIMEOUT), config.segmentApiUrl(), key, REQUEST_TIMEOUT,
        config.segmentBudget(), SEGMENT_RETRIES, clock);
  }

  static Parts forLambda() {
    Settings settings = LambdaSettings.load();
    WebhookConfig config = WebhookConfig.forLambda(settings);
    SqsClient sqs = SqsClients.create(AwsSettings.region(settings), AwsSettings.lambdaCredentials(), Optional.empty());
    return wire(config, sqs, Clock.systemUTC(), new JsonLog("webhook"));
  }
}
