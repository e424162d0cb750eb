package dev.verodestination.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.verodestination.log.JsonLog;
import dev.verodestination.queue.SqsClients;
import dev.verodestination.testing.ApiGatewayEvents;
import java.time.Clock;
import java.util.List;
import java.util.Map;
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
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The same enqueue path against LocalStack's SQS, where a Docker engine is available. */
@Testcontainers(disabledWithoutDocker = true)
class IngestLocalStackIT {

  private static final String WRITE_KEY = "wk_live_ingest_test_3c1e";

  @Container
  private static final LocalStackContainer LOCALSTACK =
      new LocalStackContainer(DockerImageName.parse("localstack/localstack:3.8")).withServices(LocalStackContainer.Service.SQS);

  @Test
  void messagesLandOnTheFifoQueueWithGroupDedupIdAndBodyAndResendsDedup() {
    try (SqsClient sqs = SqsClients.create(Region.of(LOCALSTACK.getRegion()),
        StaticCredentialsProvider.create(AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())),
        Optional.of(LOCALSTACK.getEndpointOverride(LocalStackContainer.Service.SQS)))) {
      String queueUrl = sqs.createQueue(r -> r.queueName("localstack-events.fifo").attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
      IngestHandler handler = new IngestHandler(IngestWiring.wire(new IngestConfig(List.of(WRITE_KEY), Optional.empty(), queueUrl), sqs, Clock.systemUTC(), new JsonLog("ingest", new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))));
      String body = "{\"userId\":\"ada\",\"messageId\":\"ls-1\",\"event\":\"Signed Up\"}";
      assertEquals(200, handler.handleRequest(post("/v1/track", body), null).getStatusCode());
      assertEquals(200, handler.handleRequest(post("/v1/track", body), null).getStatusCode());

      List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
          .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
      assertEquals(1, messages.size());
      assertEquals("ada", messages.get(0).attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
      assertEquals("ada/ls-1", messages.get(0).attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID));
      assertEquals("Signed Up", messages.get(0).body().replaceAll(".*\"event\":\"([^\"]+)\".*", "$1"));
    }
  }

  private static APIGatewayV2HTTPEvent post(String path, String body) {
    return ApiGatewayEvents.post(path, body, WRITE_KEY);
  }

  private static APIGatewayV2HTTPEvent post(String path, String body, Map<String, String> headers) {
    return ApiGatewayEvents.post(path, body, headers);
  }
}
