package dev.verodestination.testing;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import dev.verodestination.queue.SqsClients;

/**
 * An in-JVM SQS server speaking the real SQS protocol on 127.0.0.1. Register it on a test class
 * ({@code @RegisterExtension static final ElasticMq SQS = new ElasticMq();}) for one server per class.
 */
public final class ElasticMq implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

  private ActorSystem actorSystem;
  private URI endpoint;
  private SqsClient sqs;

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  public ElasticMq start() {
    actorSystem = ActorSystem.create("elasticmq-test");
    SQSRestServer server = SQSRestServerBuilder.withActorSystem(actorSystem).withInterface("127.0.0.1").withDynamicPort().start();
    int port = server.waitUntilStarted().localAddress().getPort();
    endpoint = URI.create("http://127.0.0.1:" + port);
    sqs = SqsClients.create(Region.US_EAST_1,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), Optional.of(endpoint));
    return this;
  }

  public URI endpoint() {
    return endpoint;
  }

  public SqsClient sqs() {
    return sqs;
  }

  /** A FIFO queue named {@code name}.fifo; returns its URL. */
  public String fifoQueue(String name) {
    return sqs.createQueue(r -> r.queueName(name + ".fifo").attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
  }

  /** A standard queue; returns its URL. */
  public String standardQueue(String name) {
    return sqs.createQueue(r -> r.queueName(name)).queueUrl();
  }

  public List<Message> drain(String queueUrl) {
    return QueueReader.drain(sqs, queueUrl);
  }

  @Override
  public void close() {
    sqs.close();
    // the graceful stop waits up to a minute for kept-alive client connections
    actorSystem.terminate();
    try {
      actorSystem.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("ElasticMQ did not stop", e);
    }
  }
}
