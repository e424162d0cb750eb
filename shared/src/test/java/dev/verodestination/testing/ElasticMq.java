package dev.verodestination.testing;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import dev.verodestination.queue.QueueSetup;
import dev.verodestination.queue.SqsClients;

/** An in-JVM SQS server speaking the real SQS protocol on 127.0.0.1, one per test class. */
public final class ElasticMq implements AutoCloseable {

  private final ActorSystem actorSystem = ActorSystem.create("elasticmq-test");
  private final SQSRestServer server;
  private final URI endpoint;
  private final SqsClient sqs;

  public ElasticMq() {
    server = SQSRestServerBuilder.withActorSystem(actorSystem).withInterface("127.0.0.1").withDynamicPort().start();
    int port = server.waitUntilStarted().localAddress().getPort();
    endpoint = URI.create("http://127.0.0.1:" + port);
    sqs = SqsClients.create(Region.US_EAST_1,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), Optional.of(endpoint));
  }

  public URI endpoint() {
    return endpoint;
  }

  public SqsClient sqs() {
    return sqs;
  }

  public QueueSetup.Queues createQueues(String prefix, int maxReceiveCount) {
    return QueueSetup.create(sqs, prefix, maxReceiveCount);
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
