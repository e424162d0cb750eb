package dev.verodestination.local;

import static dev.verodestination.testing.Eventually.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.verodestination.deliver.DeliverConfig;
import dev.verodestination.queue.SqsClients;
import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.FakeHttpServer.Reply;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticmq.server.ElasticMQServer;
import org.elasticmq.server.config.ElasticMQServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** A DATA_DIR the runner kept with ElasticMQ's own store (H2), before its journal, is carried over once. */
class H2StoreImportIT {

  /** What the runner did before: ElasticMQ's server with its SQL store in DATA_DIR, and the queues of template.yaml. */
  private static void fillTheEarlierStore(Path data) throws Exception {
    int port = RunnerRestartIT.freePort();
    scala.Function0<?> stop = new ElasticMQServer(new ElasticMQServerConfig(ConfigFactory.parseMap(Map.of(
            "rest-sqs.bind-port", port, "rest-sqs.bind-hostname", "127.0.0.1", "rest-stats.enabled", false,
            "node-address.host", "127.0.0.1", "node-address.port", port,
            "messages-storage.enabled", true, "messages-storage.uri", "jdbc:h2:file:" + data.resolve("queues")))
        .withFallback(ConfigFactory.load(H2StoreImportIT.class.getClassLoader())))).start();
    try (SqsClient sqs = SqsClients.create(Region.US_EAST_1, StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")),
        Optional.of(URI.create("http://127.0.0.1:" + port)))) {
      QueueSetup.Queues queues = QueueSetup.create(sqs, "vero-destination", DeliverConfig.REDRIVE_RECEIVE_COUNT);
      // one send batch holding each user's first three steps: their order is only the batch's
      List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
      for (int step = 0; step < 3; step++) {
        for (String user : List.of("ann", "bob")) {
          entries.add(SendMessageBatchRequestEntry.builder().id(user + step).messageGroupId(user).messageDeduplicationId(user + "/" + step)
              .messageBody("{\"type\":\"track\",\"userId\":\"" + user + "\",\"event\":\"Step " + step + "\",\"messageId\":\"" + user + step + "\"}")
              .build());
        }
      }
      sqs.sendMessageBatch(r -> r.queueUrl(queues.queueUrl()).entries(entries));
      // a receive, as by a runner killed mid-delivery: ann's first step left in flight
      assertEquals(1, sqs.receiveMessage(r -> r.queueUrl(queues.queueUrl()).maxNumberOfMessages(1)).messages().size());
      sqs.sendMessage(r -> r.queueUrl(queues.dlqUrl()).messageGroupId("cat").messageDeduplicationId("cat/0")
          .messageBody("{\"type\":\"track\",\"userId\":\"cat\",\"event\":\"Parked\"}"));
      Thread.sleep(1500);
    } finally {
      stop.apply();
      // ElasticMQ's store keeps its connection pool open: closed, H2 lets go of the file
      scalikejdbc.ConnectionPool$.MODULE$.closeAll();
    }
  }

  @Test
  void theEarlierStoresMessagesAreDeliveredInEachUsersOrderAndItsFileSetAside(@TempDir Path data) throws Exception {
    fillTheEarlierStore(data);
    assertTrue(Files.exists(data.resolve("queues.mv.db")));
    try (FakeHttpServer vero = new FakeHttpServer(r -> Reply.ok());
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), Map.of("DATA_DIR", data.toString()))) {
      waitFor("ann's and bob's steps at Vero", Duration.ofSeconds(30), () -> VeroFakes.messageCalls(vero.processed()).size() == 6);
      for (String user : List.of("ann", "bob")) {
        assertEquals(List.of("Step 0", "Step 1", "Step 2"), VeroFakes.eventsByUser(vero.processed()).get(user), user);
      }
      assertEquals("1", pipeline.runner.sqs().getQueueAttributes(r -> r.queueUrl(pipeline.runner.dlqUrl())
          .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
          "cat's dead letter carried over");
      assertTrue(pipeline.log().contains("\"message\":\"carried over the earlier queue store\",\"messages\":7"), pipeline.log());
    }
    assertFalse(Files.exists(data.resolve("queues.mv.db")));
    assertTrue(Files.exists(data.resolve("queues.mv.db.imported")));
  }
}
