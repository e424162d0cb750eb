package dev.verodestination.ingest;

import static dev.verodestination.ingest.HttpEventsForTests.WRITE_KEY;
import static dev.verodestination.ingest.HttpEventsForTests.post;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.verodestination.config.IngestConfig;
import dev.verodestination.queue.QueueSetup;
import dev.verodestination.queue.SqsClients;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** The same enqueue path against LocalStack's SQS, where a Docker engine is available. */
@Testcontainers(disabledWithoutDocker = true)
class IngestLocalStackTest {

  @Container
  private static final LocalStackContainer LOCALSTACK =
      new LocalStackContainer(DockerImageName.parse("localstack/localstack:3.8")).withServices(LocalStackContainer.Service.SQS);

  @Test
  void messagesLandOnTheFifoQueueWithGroupDedupIdAndBodyAndResendsDedup() {
    try (SqsClient sqs = SqsClients.create(Region.of(LOCALSTACK.getRegion()),
        StaticCredentialsProvider.create(AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())),
        Optional.of(LOCALSTACK.getEndpointOverride(LocalStackContainer.Service.SQS)))) {
      QueueSetup.Queues queues = QueueSetup.create(sqs, "localstack", 10);
      IngestHandler handler = new IngestHandler(new IngestConfig(List.of(WRITE_KEY), Optional.empty(), queues.queueUrl()),
          sqs, Clock.systemUTC());
      String body = "{\"userId\":\"ada\",\"messageId\":\"ls-1\",\"event\":\"Signed Up\"}";
      assertEquals(200, handler.handleRequest(post("/v1/track", body), null).getStatusCode());
      assertEquals(200, handler.handleRequest(post("/v1/track", body), null).getStatusCode());

      List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queues.queueUrl()).maxNumberOfMessages(10)
          .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
      assertEquals(1, messages.size());
      assertEquals("ada", messages.get(0).attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
      assertEquals("ls-1", messages.get(0).attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID));
      assertEquals("Signed Up", messages.get(0).body().replaceAll(".*\"event\":\"([^\"]+)\".*", "$1"));
    }
  }
}
