package dev.verodestination.webhook;

import dev.verodestination.config.AwsSettings;
import dev.verodestination.config.LambdaSettings;
import dev.verodestination.config.Settings;
import dev.verodestination.http.HttpClients;
import dev.verodestination.log.JsonLog;
import dev.verodestination.queue.DeadLetterQueue;
import dev.verodestination.queue.SqsClients;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The webhook function's one composition root: the Lambda constructor and the local runner both build
 * the handler's parts here, and tests pass their SQS endpoint, clock and log through the same seam.
 * Segment is reached at the config's URL with its write key, or, with no write key, a dry run.
 */
public final class WebhookWiring {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
  private static final int MAX_ATTEMPTS = 5;

  /** What the handler works with, built once per container. */
  public record Parts(WebhookIntake intake, SegmentSender segment, DeadLetterQueue parked, Clock clock, JsonLog log) {}

  private WebhookWiring() {}

  public static Parts wire(WebhookConfig config, SqsClient sqs, Clock clock, JsonLog log) {
    SegmentSender segment = config.segmentWriteKey().<SegmentSender>map(key -> new SegmentClient(
            HttpClients.create(CONNECT_TIMEOUT), config.segmentApiUrl(), key, REQUEST_TIMEOUT, config.segmentBudget(),
            MAX_ATTEMPTS, clock))
        .orElseGet(DryRunSegmentSender::new);
    return new Parts(new WebhookIntake(config.veroWebhookToken()), segment,
        new DeadLetterQueue(sqs, config.webhookDlqUrl()), clock, log);
  }

  static Parts forLambda() {
    Settings settings = LambdaSettings.load();
    WebhookConfig config = WebhookConfig.forLambda(settings);
    SqsClient sqs = SqsClients.create(AwsSettings.region(settings), AwsSettings.lambdaCredentials(), Optional.empty());
    return wire(config, sqs, Clock.systemUTC(), new JsonLog("webhook"));
  }
}
