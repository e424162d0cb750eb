package dev.verodestination.local;

import dev.verodestination.config.InvalidSettingException;
import dev.verodestination.config.Settings;
import dev.verodestination.deliver.DeliverConfig;
import dev.verodestination.queue.SqsClients;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.elasticmq.server.ElasticMQServer;
import org.elasticmq.server.config.ElasticMQServerConfig;
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
 * The runner's queues: an embedded ElasticMQ with the queues of template.yaml, every message kept on
 * disk in DATA_DIR (default .vero-destination) so that a restart in the same folder delivers what was
 * accepted before (DATA_DIR=memory keeps them in memory only); or, when SQS_ENDPOINT is set, that
 * endpoint (the queues are created there unless QUEUE_URL names existing ones).
 */
final class LocalQueues implements AutoCloseable {

  private final SQSRestServer embedded;
  private final ActorSystem actorSystem;
  /** Where the embedded queues keep their messages; empty for an external SQS. */
  static final String DEFAULT_DATA_DIR = ".vero-destination";
  /** DATA_DIR=memory: queues in memory only, lost when the runner stops. */
  static final String IN_MEMORY = "memory";
  private Path dataDir;
  private scala.Function0<?> persistentServer;
  final URI endpoint;
  final SqsClient sqs;
  private final Region region;
  final QueueSetup.Queues queues;

  /**
   * Before the queue store opens it: a folder the runner cannot write would leave every accepted
   * message in memory only (and the store's own errors in the log), so the runner stops, naming it.
   */
  static void requireWritable(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      Files.delete(Files.createTempFile(dataDir, ".write-check", ""));
    } catch (IOException e) {
      throw new InvalidSettingException("setting DATA_DIR: the runner cannot write to " + dataDir + " (" + e.getClass().getSimpleName()
          + "); accepted messages are kept there until delivered: choose a folder it can write, or DATA_DIR=memory");
    }
  }

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
    } else if (settings.optional("DATA_DIR").filter(IN_MEMORY::equals).isPresent()) {
      // tests and throw-away runs: nothing on disk, and a stop that does not wait for ElasticMQ's graceful shutdown
      actorSystem = ActorSystem.create("elasticmq");
      embedded = SQSRestServerBuilder.withActorSystem(actorSystem).withInterface("127.0.0.1").withDynamicPort().start();
      endpoint = URI.create("http://127.0.0.1:" + embedded.waitUntilStarted().localAddress().getPort());
      credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    } else {
      dataDir = Path.of(settings.optional("DATA_DIR").orElse(DEFAULT_DATA_DIR)).toAbsolutePath().normalize();
      requireWritable(dataDir);
      int port = freePort();
      Config config = ConfigFactory.parseMap(Map.of(
              "rest-sqs.bind-port", port,
              "rest-sqs.bind-hostname", "127.0.0.1",
              "rest-stats.enabled", false,
              "node-address.host", "127.0.0.1",
              "node-address.port", port,
              // every queue and message on disk, so that a restart in the same folder loses nothing accepted
              "messages-storage.enabled", true,
              "messages-storage.uri", "jdbc:h2:file:" + dataDir.resolve("queues")))
          .withFallback(ConfigFactory.load(LocalQueues.class.getClassLoader()));
      persistentServer = new ElasticMQServer(new ElasticMQServerConfig(config)).start();
      embedded = null;
      actorSystem = null;
      endpoint = URI.create("http://127.0.0.1:" + port);
      credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }
    region = Region.of(settings.optional("AWS_REGION").orElse("us-east-1"));
    sqs = SqsClients.create(region, credentials, Optional.of(endpoint));
    Optional<String> queueUrl = settings.optional("QUEUE_URL");
    queues = queueUrl.isPresent()
        ? new QueueSetup.Queues(queueUrl.get(), settings.required("DLQ_URL"), settings.required("WEBHOOK_DLQ_URL"))
        // as template.yaml's RedriveReceiveCount: a backstop far above the attempts deliver counts itself,
        // so that the receives of messages held back through a long Vero outage never reach it
        : QueueSetup.create(sqs, "vero-destination", DeliverConfig.REDRIVE_RECEIVE_COUNT);
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

  Region region() {
    return region;
  }

  Optional<Path> dataDir() {
    return Optional.ofNullable(dataDir);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    sqs.close();
    if (actorSystem != null) {
      stop(actorSystem);
    }
    if (persistentServer != null) {
      persistentServer.apply();
    }
  }
}
