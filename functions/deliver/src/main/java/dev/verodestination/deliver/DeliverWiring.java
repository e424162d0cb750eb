package dev.verodestination.deliver;

import dev.verodestination.config.AwsSettings;
import dev.verodestination.config.LambdaSettings;
import dev.verodestination.config.Settings;
import dev.verodestination.deliver.outage.VeroHealth;
import dev.verodestination.deliver.outage.VeroProbe;
import dev.verodestination.deliver.suppress.DynamoDbSuppressedUsers;
import dev.verodestination.deliver.suppress.SuppressedUsers;
import dev.verodestination.deliver.suppress.SuppressionCheck;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import dev.verodestination.deliver.vero.VeroClient;
import dev.verodestination.deliver.vero.VeroSender;
import dev.verodestination.http.HttpClients;
import dev.verodestination.log.JsonLog;
import dev.verodestination.queue.DeadLetterQueue;
import dev.verodestination.queue.SqsClients;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The deliver function's one composition root: the Lambda constructor and the local runner both build
 * the handler's parts here, and tests pass their SQS endpoint, progress store, clock and log through
 * the same seam, and the runner its own Vero sender and a listener.
 */
public final class DeliverWiring {

  /** Lambda's largest SQS batch for a FIFO queue; one thread per group it can hold. */
  private static final int MAX_GROUPS_PER_BATCH = 10;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** What a call needs beyond Vero's own timeout: parking or handing back, and answering Lambda. */
  private static final long WRAP_UP_MILLIS = 2000;
  /**
   * The queue keeps a message 14 days (template.yaml); one held back through an outage this old is
   * dead-lettered with the outage's reason rather than left to be deleted unseen.
   */
  static final Duration KEEP_UNTIL_AGE = Duration.ofDays(13);

  /** What the handler works with, built once per container. */
  public record Parts(BatchDelivery delivery, DeliveryListener listener, JsonLog log) {}

  private DeliverWiring() {}

  /** The parts as Lambda runs them: Vero reached with the config's token, no one listening to reports. */
  public static Parts wire(DeliverConfig config, SqsClient sqs, CallProgress progress, SuppressedUsers suppressed, Clock clock,
      JsonLog log) {
    return wire(config, sqs, progress, suppressed, veroClient(config, clock), clock, log, DeliveryListener.NONE);
  }

  /** Where the sender of Vero's calls and the listener are the caller's: the local runner's dry run, counters and early deletes. */
  public static Parts wire(DeliverConfig config, SqsClient sqs, CallProgress progress, SuppressedUsers suppressed, VeroSender vero,
      Clock clock, JsonLog log, DeliveryListener listener) {
    VeroHealth health = new VeroHealth(VeroProbe.through(vero, log), config.probeIntervals(), clock);
    MessageDelivery messages = new MessageDelivery(vero, health, progress, new DeadLetterQueue(sqs, config.dlqUrl()),
        config.mapping(), new SuppressionCheck(suppressed, clock), new MessageDelivery.Limits(config.maxAttempts(), config.veroTimeout().toMillis() + WRAP_UP_MILLIS,
            KEEP_UNTIL_AGE), config.callLines(), clock);
    ExecutorService groups = Executors.newFixedThreadPool(MAX_GROUPS_PER_BATCH, runnable -> {
      Thread thread = new Thread(runnable, "deliver-group");
      thread.setDaemon(true);
      return thread;
    });
    BatchDelivery delivery = new BatchDelivery(messages, sqs, config.queueUrl(), config.retries(), groups, health, listener);
    return new Parts(delivery, listener, log);
  }

  /** Vero's API at the config's URL, with its credential; one HTTP client per container. */
  public static VeroSender veroClient(DeliverConfig config, Clock clock) {
    return new VeroClient(HttpClients.create(CONNECT_TIMEOUT), config.veroApiUrl(), config.veroTimeout(),
        config.requiredVeroCredential(), clock);
  }

  static Parts forLambda() {
    Settings settings = LambdaSettings.load();
    DeliverConfig config = DeliverConfig.forLambda(settings);
    Region region = AwsSettings.region(settings);
    SqsClient sqs = SqsClients.create(region, AwsSettings.lambdaCredentials(), Optional.empty());
    Clock clock = Clock.systemUTC();
    DynamoDbClient dynamo = DynamoDbCallProgress.client(region, AwsSettings.lambdaCredentials(), Optional.empty());
    String table = config.progressTable().orElseThrow();
    return wire(config, sqs, new DynamoDbCallProgress(dynamo, table, clock), new DynamoDbSuppressedUsers(dynamo, table), clock,
        new JsonLog("deliver"));
  }
}
