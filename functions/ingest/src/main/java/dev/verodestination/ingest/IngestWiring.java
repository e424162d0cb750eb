package dev.verodestination.ingest;

import dev.verodestination.config.AwsSettings;
import dev.verodestination.config.LambdaSettings;
import dev.verodestination.config.Settings;
import dev.verodestination.log.JsonLog;
import dev.verodestination.queue.SqsClients;
import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The ingest function's one composition root: the Lambda constructor and the local runner both build
 * the handler's parts here, and tests pass their SQS endpoint, clock and log through the same seam.
 */
public final class IngestWiring {

  /** What the handler works with, built once per container. */
  public record Parts(IngestPlanner planner, FifoPublisher publisher, Cors cors, JsonLog log) {}

  private IngestWiring() {}

  public static Parts wire(IngestConfig config, SqsClient sqs, Clock clock, JsonLog log) {
    return new Parts(
        new IngestPlanner(new IngestAuth(config.writeKeys(), config.segmentWebhookSecret()), clock,
            IngestPlanner.RANDOM_MESSAGE_IDS, config.publicApiHost(), config.anonymousUsers(),
            config.rules()),
        new FifoPublisher(sqs, config.queueUrl()),
        new Cors(config.corsAllowedOrigins()),
        log);
  }

  static Parts forLambda() {
    Settings settings = LambdaSettings.load();
    IngestConfig config = IngestConfig.from(settings);
    SqsClient sqs = SqsClients.create(AwsSettings.region(settings), AwsSettings.lambdaCredentials(), Optional.empty());
    JsonLog log = new JsonLog("ingest");
    settings.renameWarnings().forEach(log::warn);
    return wire(config, sqs, Clock.systemUTC(), log);
  }
}
