package dev.verodestination.local;

import dev.verodestination.config.Settings;
import dev.verodestination.queue.QueueSetup;
import dev.verodestination.queue.SqsClients;
import java.net.URI;
import java.util.Optional;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The runner's queues: an embedded ElasticMQ with the queues of template.yaml, or, when SQS_ENDPOINT
 * is set, that endpoint (the queues are created there unless QUEUE_URL names existing ones).
 */
final class LocalQueues implements AutoCloseable {

  private final SQSRestServer embedded;
  final URI endpoint;
  final SqsClient sqs;
  final QueueSetup.Queues queues;

  LocalQueues(Settings settings) {
    Optional<String> external = settings.optional("SQS_ENDPOINT");
    AwsCredentialsProvider credentials;
    if (external.isPresent()) {
      embedded = null;
      endpoint = settings.uri("SQS_ENDPOINT", external.get());
      credentials = settings.optional("AWS_ACCESS_KEY_ID").isPresent()
          ? DefaultCredentialsProvider.builder().build()
          : StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    } else {
      embedded = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
      endpoint = URI.create("http://127.0.0.1:" + embedded.waitUntilStarted().localAddress().getPort());
      credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }
    Region region = Region.of(settings.optional("AWS_REGION").orElse("us-east-1"));
    sqs = SqsClients.create(region, credentials, Optional.of(endpoint));
    int maxReceiveCount = settings.integer("MAX_RECEIVE_COUNT", 10, 1, 1000);
    Optional<String> queueUrl = settings.optional("QUEUE_URL");
    queues = queueUrl.isPresent()
        ? new QueueSetup.Queues(queueUrl.get(), settings.required("DLQ_URL"), settings.required("WEBHOOK_DLQ_URL"))
        : QueueSetup.create(sqs, "vero-destination", maxReceiveCount);
  }

  @Override
  public void close() {
    sqs.close();
    if (embedded != null) {
      embedded.stopAndWait();
    }
  }
}
