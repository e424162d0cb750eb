package dev.verodestination.deliver;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.verodestination.config.AwsSettings;
import dev.verodestination.config.DeliverConfig;
import dev.verodestination.config.Settings;
import dev.verodestination.log.JsonLog;
import dev.verodestination.priming.Priming;
import dev.verodestination.priming.PrimingHook;
import dev.verodestination.queue.Backoff;
import dev.verodestination.queue.DeadLetterQueue;
import dev.verodestination.queue.SqsClients;
import dev.verodestination.vero.DryRunVeroSender;
import dev.verodestination.http.HttpClients;
import dev.verodestination.vero.VeroClient;
import dev.verodestination.vero.VeroSender;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** SQS FIFO batch → Vero calls; reports what must be retried as batch item failures. */
public final class DeliverHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

  /** Lambda's largest SQS batch for a FIFO queue; one thread per group it can hold. */
  private static final int MAX_GROUPS_PER_BATCH = 10;

  private final BatchDelivery delivery;
  private final DeliveryCounters counters;
  private final JsonLog log;

  /** Held so that the SnapStart priming hook lives as long as the handler. */
  private PrimingHook priming;

  /** The Lambda runtime's constructor: settings from the environment, clients built once per container. */
  public DeliverHandler() {
    this(Settings.fromEnvironment());
    this.priming = PrimingHook.register(() -> Priming.deliver(PrimingHook.ROUNDS));
  }

  private DeliverHandler(Settings settings) {
    this(DeliverConfig.forLambda(settings), AwsSettings.region(settings), Clock.systemUTC(), new JsonLog("deliver"));
  }

  private DeliverHandler(DeliverConfig config, Region region, Clock clock, JsonLog log) {
    this(config, SqsClients.create(region, AwsSettings.lambdaCredentials(), Optional.empty()),
        veroSenderFor(config, clock, log),
        new DynamoDbCallProgress(DynamoDbClient.builder()
            .region(region)
            .credentialsProvider(AwsSettings.lambdaCredentials())
            .httpClient(AwsSettings.httpClient())
            .build(), config.progressTable().orElseThrow(), clock),
        clock, new DeliveryCounters(), log);
  }

  /** Vero when the config has a token; otherwise a dry run that prints what it would send. */
  public static VeroSender veroSenderFor(DeliverConfig config, Clock clock, JsonLog log) {
    return config.veroAuthToken().<VeroSender>map(token -> new VeroClient(
            HttpClients.create(Duration.ofSeconds(5)), config.veroApiUrl(), config.veroTimeout(), token, clock))
        .orElseGet(() -> new DryRunVeroSender(log));
  }

  public DeliverHandler(DeliverConfig config, SqsClient sqs, VeroSender vero, CallProgress progress, Clock clock,
      DeliveryCounters counters, JsonLog log) {
    this.counters = counters;
    this.log = log;
    ExecutorService groups = Executors.newFixedThreadPool(MAX_GROUPS_PER_BATCH, runnable -> {
      Thread thread = new Thread(runnable, "deliver-group");
      thread.setDaemon(true);
      return thread;
    });
    MessageDelivery messages = new MessageDelivery(vero, config.veroAuthToken().orElse(""),
        progress, new DeadLetterQueue(sqs, config.dlqUrl()), clock, log);
    this.delivery = new BatchDelivery(messages, sqs, config.queueUrl(),
        new Backoff(config.retryBaseSeconds(), config.retryMaxSeconds()),
        () -> ThreadLocalRandom.current().nextDouble(), groups, counters, log);
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
    long deliveredBefore = counters.delivered();
    long deadBefore = counters.deadLettered();
    List<String> failed = delivery.deliver(records);
    log.write(log.line("INFO", "batch done")
        .put("received", records.size())
        .put("delivered", counters.delivered() - deliveredBefore)
        .put("deadLettered", counters.deadLettered() - deadBefore)
        .put("retrying", failed.size()));
    return SQSBatchResponse.builder()
        .withBatchItemFailures(failed.stream().map(id -> SQSBatchResponse.BatchItemFailure.builder()
            .withItemIdentifier(id).build()).toList())
        .build();
  }
}
