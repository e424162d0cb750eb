package dev.verodestination.deliver;

import dev.verodestination.config.AwsSettings;
import dev.verodestination.config.LambdaSettings;
import dev.verodestination.config.Settings;
import dev.verodestination.deliver.vero.DryRunVeroSender;
import dev.verodestination.deliver.vero.VeroClient;
import dev.verodestination.deliver.vero.VeroSender;
import dev.verodestination.http.HttpClients;
import dev.verodestination.log.JsonLog;
import dev.verodestination.queue.DeadLetterQueue;
import dev.verodestination.queue.SqsClients;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The deliver function's one composition root: the Lambda constructor and the local runner both build
 * the handler's parts here, and tests pass their SQS endpoint, progress store, clock and log through
 * the same seam. Vero is reached at the config's URL with its token, or, with no token, a dry run.
 */
public final class DeliverWiring {

  /** Lambda's largest SQS batch for a FIFO queue; one thread per group it can hold. */
  private static final int MAX_GROUPS_PER_BATCH = 10;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** What a call needs beyond Vero's own timeout: parking or handing back, and answering Lambda. */
  private static final long WRAP_UP_MILLIS = 2000;

  /** What the handler works with, built once per container. */
  public record Parts(BatchDelivery delivery, DeliveryCounters counters, JsonLog log) {}

  private DeliverWiring() {}

  public static Parts wire(DeliverConfig config, SqsClient sqs, CallProgress progress, Clock clock, JsonLog log) {
    return wire(config, sqs, progress, clock, log, new DeliveryCounters());
  }

  /** {@code counters}: shared by several containers' handlers where one process runs them all (the local runner). */
  public static Parts wire(DeliverConfig config, SqsClient sqs, CallProgress progress, Clock clock, JsonLog log,
      DeliveryCounters counters) {
    VeroSender vero = config.veroAuthToken().<VeroSender>map(token -> new VeroClient(
            HttpClients.create(CONNECT_TIMEOUT), config.veroApiUrl(), config.veroTimeout(), token, clock))
        .orElseGet(DryRunVeroSender::new);
    MessageDelivery messages = new MessageDelivery(vero, progress, new DeadLetterQueue(sqs, config.dlqUrl()), config.anonymousUsers(),
        new MessageDelivery.Limits(config.maxAttempts(), config.veroTimeout().toMillis() + WRAP_UP_MILLIS), clock);
    ExecutorService groups = Executors.newFixedThreadPool(MAX_GROUPS_PER_BATCH, runnable -> {
      Thread thread = new Thread(runnable, "deliver-group");
      thread.setDaemon(true);
      return thread;
    });
    BatchDelivery delivery = new BatchDelivery(messages, sqs, config.queueUrl(),
        new Backoff(config.retryBaseSeconds(), config.retryMaxSeconds()),
        () -> ThreadLocalRandom.current().nextDouble(), groups, counters);
    return new Parts(delivery, counters, log);
  }

  static Parts forLambda() {
    Settings settings = LambdaSettings.load();
    DeliverConfig config = DeliverConfig.forLambda(settings);
    Region region = AwsSettings.region(settings);
    SqsClient sqs = SqsClients.create(region, AwsSettings.lambdaCredentials(), Optional.empty());
    // as the SDK's clients read it: a service's own endpoint setting, then the general one
    URI dynamoEndpoint = settings.optional("AWS_ENDPOINT_URL_DYNAMODB").or(() -> settings.optional("AWS_ENDPOINT_URL"))
        .map(URI::create)
        .orElseGet(() -> DynamoDbCallProgress.endpoint(region.id(),
            Optional.ofNullable(region.metadata()).map(RegionMetadata::domain).orElse("amazonaws.com")));
    Clock clock = Clock.systemUTC();
    CallProgress progress = new DynamoDbCallProgress(HttpClients.create(CONNECT_TIMEOUT), new DynamoDbCallProgress.Table(
        dynamoEndpoint, region.id(), AwsSettings.lambdaCredentials(), config.progressTable().orElseThrow()), clock);
    return wire(config, sqs, progress, clock, new JsonLog("deliver"));
  }
}
