package dev.verodestination.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.json.Json;
import dev.verodestination.queue.DeadLetterQueue;
import dev.verodestination.queue.FifoIds;
import dev.verodestination.testing.ElasticMq;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** {@code forget} on queues named by URL, as on AWS: here ElasticMQ's, with the default credential chain. */
class ForgetIT {

  @RegisterExtension
  static final ElasticMq ELASTIC_MQ = new ElasticMq();

  private static final Instant FAILED_AT = Instant.parse("2026-12-01T10:00:00Z");

  record Ran(int exit, String out, String err) {
    JsonNode json() {
      return Json.treeOrMissing(out);
    }
  }

  @RegisterExtension
  final DefaultChainCredentials credentials = new DefaultChainCredentials();

  private static Ran operator(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Operator.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Ran(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void forgetsAUsersDeadLettersAndParkedWebhooksQueuesVerosDeleteInTheirGroupAndLeavesOthersAlone() throws Exception {
    String queue = ELASTIC_MQ.fifoQueue("forget-events");
    String dlq = ELASTIC_MQ.fifoQueue("forget-dlq");
    String webhookDlq = ELASTIC_MQ.standardQueue("forget-webhook-dlq");
    DeadLetterQueue deadLetters = new DeadLetterQueue(ELASTIC_MQ.sqs(), dlq);
    deadLetters.park(DeadLettersIT.body("erin", "e-1"), Optional.of(FifoIds.of("erin")), "sqs-e1",
        new DeadLetterQueue.Parked("Vero answered 400: no", 400, FAILED_AT, "deliver"));
    deadLetters.park(DeadLettersIT.body("frank", "f-1"), Optional.of(FifoIds.of("frank")), "sqs-f1",
        new DeadLetterQueue.Parked("Vero answered 400: no", 400, FAILED_AT, "deliver"));
    deadLetters.park(DeadLettersIT.body("erin", "e-2"), Optional.of(FifoIds.of("erin")), "sqs-e2",
        new DeadLetterQueue.Parked("Vero answered 400: no", 400, FAILED_AT, "deliver"));
    DeadLetterQueue parked = new DeadLetterQueue(ELASTIC_MQ.sqs(), webhookDlq);
    parked.park("{\"type\":\"opened\",\"user\":{\"id\":\"erin\",\"email\":\"erin@example.com\"}}", Optional.empty(), "h-1",
        new DeadLetterQueue.Parked("Segment answered 400", 400, FAILED_AT, "webhook"));
    parked.park("{\"type\":\"opened\",\"user\":{\"id\":7,\"email\":\"seven@example.com\"}}", Optional.empty(), "h-2",
        new DeadLetterQueue.Parked("Segment answered 400", 400, FAILED_AT, "webhook"));
    String endpoint = ELASTIC_MQ.endpoint().toString();
    List<String> onAws = List.of("--queue-url", queue, "--dlq-url", dlq, "--webhook-dlq-url", webhookDlq, "--region", "us-east-1",
        "--endpoint-url", endpoint);

    List<String> args = new ArrayList<>(List.of("forget", "erin", "--json"));
    args.addAll(onAws);
    Ran forget = operator(args);
    assertEquals(0, forget.exit(), forget.err());
    JsonNode erin = forget.json().path("users").get(0);
    assertEquals("erin", erin.path("userId").asText());
    assertEquals(2, erin.at("/removed/deadLetters").asInt(), forget.out());
    assertEquals(1, erin.at("/removed/parkedWebhooks").asInt(), forget.out());
    assertTrue(erin.at("/removed/callProgress").isNull(), "no progress table named: not looked at");
    assertTrue(erin.at("/removed/debuggerRows").isNull(), "not the runner");

    List<Message> events = ELASTIC_MQ.sqs().receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10)
        .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID)).messages();
    assertEquals(1, events.size());
    assertEquals(FifoIds.of("erin"), events.get(0).attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
    JsonNode delete = Json.treeOrMissing(events.get(0).body());
    assertEquals("delete", delete.path("type").asText());
    assertEquals("erin", delete.path("userId").asText());
    assertEquals(erin.at("/veroDelete/messageId").asText(), delete.path("messageId").asText());

    List<String> remaining = ELASTIC_MQ.drain(dlq).stream().map(m -> Json.treeOrMissing(m.body()).path("messageId").asText()).toList();
    assertEquals(List.of("f-1"), remaining, "frank's dead letter stays");
    List<Message> webhooks = ELASTIC_MQ.drain(webhookDlq);
    assertEquals(1, webhooks.size());
    assertTrue(webhooks.get(0).body().contains("seven@example.com"));

    List<String> humanArgs = new ArrayList<>(List.of("forget", "nobody-known"));
    humanArgs.addAll(onAws);
    Ran unknown = operator(humanArgs);
    assertEquals(0, unknown.exit(), "an unknown user is not a mistake: " + unknown.err());
    assertTrue(unknown.out().startsWith("nobody-known in AWS (us-east-1):\n  Vero delete queued"), unknown.out());
    assertTrue(unknown.out().contains("nothing found here: no dead letter, parked webhook of this user"), unknown.out());
    assertTrue(unknown.out().contains("call progress: not looked at (give --stack, or --progress-table NAME)"), unknown.out());
  }

  @Test
  void forgetWithoutAUserIsAMistakeThatSaysHow() {
    Ran ran = operator(List.of("forget", "--queue-url", "q", "--dlq-url", "d", "--webhook-dlq-url", "w", "--region", "us-east-1",
        "--endpoint-url", ELASTIC_MQ.endpoint().toString()));
    assertEquals(2, ran.exit());
    assertEquals("forget needs the userId of each person to forget: forget USER_ID...\n", ran.err());
    assertEquals("", ran.out());
  }
}
