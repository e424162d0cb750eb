package dev.verodestination.local;

import dev.verodestination.config.Settings;
import dev.verodestination.deliver.DeliverConfig;
import dev.verodestination.queue.SqsClients;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The runner's queues: an embedded ElasticMQ with the queues of template.yaml, or, when SQS_ENDPOINT
 * is set, that endpoint (the queues are created there unless QUEUE_URL names existing ones).
 */
final class LocalQueues implements AutoCloseable {

  private final SQSRestServer embedded;
  private final ActorSystem actorSystem;
  final URI endpoint;
  final SqsClient sqs;
  final QueueSetup.Queues queues;

  LocalQueues(Settings settings) {
    Optional<String> external = settings.optional("SQS_ENDPOINT");
    AwsCredentialsProvider credentials;
    if (external.isPresent()) {
      embedded = null;
      actorSystem = null;
      endpoint = settings.uri("SQS_ENDPOINT", external.get());
      credentials = settings.optional("AWS_ACCESS_KEY_ID").isPresent()
          ? DefaultCredentialsProvider.builder().build()
          : StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    } else {
      actorSystem = ActorSystem.create("elasticmq");
      embedded = SQSRestServerBuilder.withActorSystem(actorSystem).withInterface("127.0.0.1").withDynamicPort().start();
      endpoint = URI.create("http://127.0.0.1:" + embedded.waitUntilStarted().localAddress().getPort());
      credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }
    Region region = Region.of(settings.optional("AWS_REGION").orElse("us-east-1"));
    sqs = SqsClients.create(region, credentials, Optional.of(endpoint));
    // as template.yaml's RedriveReceiveCount: a backstop at ten times the attempts deliver counts itself
    int redriveReceiveCount = Math.min(1000, 10 * settings.integer("MAX_RECEIVE_COUNT", DeliverConfig.DEFAULT_MAX_ATTEMPTS, 1,
        DeliverConfig.MAX_ATTEMPTS));
    Optional<String> queueUrl = settings.optional("QUEUE_URL");
    queues = queueUrl.isPresent()
        ? new QueueSetup.Queues(queueUrl.get(), settings.required("DLQ_URL"), settings.required("WEBHOOK_DLQ_URL"))
        : QueueSetup.create(sqs, "vero-destination", redriveReceiveCount);
  }

  String queueArn() {
    return sqs.getQueueAttributes(r -> r.queueUrl(queues.queueUrl()).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
  }

  /**
   * Ends the embedded server at once: its graceful stop waits up to a minute for HTTP connections
   * that the SQS client keeps alive.
   */
  static void stop(ActorSystem actorSystem) {
    actorSystem.terminate();
    try {
      actorSystem.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // the process is ending anyway
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    sqs.close();
    if (actorSystem != null) {
      stop(actorSystem);
    }
  }
}
