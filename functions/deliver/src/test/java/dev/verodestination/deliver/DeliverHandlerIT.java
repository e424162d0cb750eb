package dev.verodestination.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.verodestination.deliver.vero.VeroCredential;
import dev.verodestination.log.JsonLog;
import dev.verodestination.deliver.vero.MappingRules;
import dev.verodestination.testing.Conformance;
import dev.verodestination.testing.ElasticMq;
import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.FakeHttpServer.Recorded;
import dev.verodestination.testing.FakeHttpServer.Reply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;

/** The deliver handler on SQS events as Lambda hands them over, against a fake Vero and ElasticMQ. */
class DeliverHandlerIT {

  private static final String TOKEN = "vero_tok_deliver_test_77c1";
  private static final AtomicInteger QUEUES = new AtomicInteger();
  @RegisterExtension
  static final ElasticMq elasticMq = new ElasticMq();

  private record Setup(DeliverHandler handler, String dlqUrl, ByteArrayOutputStream log) {}

  private static Setup handlerFor(FakeHttpServer vero) {
    int n = QUEUES.incrementAndGet();
    String queueUrl = elasticMq.fifoQueue("deliver-" + n);
    String dlqUrl = elasticMq.fifoQueue("deliver-" + n + "-dlq");
    DeliverConfig config = new DeliverConfig(queueUrl, dlqUrl, URI.create(vero.baseUri() + "/api/v2"),
        Optional.of(VeroCredential.authToken(TOKEN)), 1, 2, Duration.ofSeconds(2), Optional.empty(), MappingRules.SEGMENT, 10, 3, VeroCallLines.ALL);
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    JsonLog log = new JsonLog("deliver", new PrintStream(lines, true, java.nio.charset.StandardCharsets.UTF_8));
    return new Setup(new DeliverHandler(DeliverWiring.wire(config, elasticMq.sqs(), new StubCallProgress(),
        new StubSuppressedUsers(), Clock.systemUTC(), log)), dlqUrl, lines);
  }

  private static SQSEvent sample(String name) {
    return EventLoader.loadSQSEvent(Conformance.projectRoot().resolve("events/deliver/" + name + ".json").toString());
  }

  private static SQSEvent.SQSMessage record(String group, String body) {
    SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
    message.setMessageId(java.util.UUID.randomUUID().toString());
    message.setReceiptHandle("unused-" + message.getMessageId());
    message.setBody(body);
    message.setAttributes(Map.of("MessageGroupId", group, "ApproximateReceiveCount", "1"));
    return message;
  }

  @Test
  void theSampleBatchDeliversEachUsersCallsInOrder() throws Exception {
    try (FakeHttpServer vero = new FakeHttpServer(r -> Reply.ok())) {
      Setup setup = handlerFor(vero);
      SQSBatchResponse response = setup.handler().handleRequest(sample("batch-two-users"), null);
      assertEquals(List.of(), response.getBatchItemFailures());
      List<String> user1042 = vero.processed().stream().filter(r -> r.body().contains("user-1042"))
          .map(r -> r.method() + " " + r.path()).toList();
      assertEquals(List.of("POST /api/v2/users/track", "POST /api/v2/events/track"), user1042);
      assertEquals(3, vero.processed().size());
      assertTrue(vero.processed().stream().allMatch(r -> r.body().startsWith("{\"auth_token\":\"" + TOKEN + "\"")));
      String done = setup.log().toString(java.nio.charset.StandardCharsets.UTF_8).lines()
          .filter(l -> l.contains("\"batch done\"")).findFirst().orElseThrow();
      assertTrue(done.contains("\"received\":3,\"users\":2,\"delivered\":3"), "the batch ran two users side by side: " + done);
    }
  }

  @Test
  void theIdentifySampleBecomesOneUsersTrackCall() throws Exception {
    try (FakeHttpServer vero = new FakeHttpServer(r -> Reply.ok())) {
      assertEquals(List.of(), handlerFor(vero).handler().handleRequest(sample("identify"), null).getBatchItemFailures());
      assertEquals(List.of("POST /api/v2/users/track"), vero.processed().stream().map(r -> r.method() + " " + r.path()).toList());
    }
  }

  @Test
  void thePoisonSampleIsDeadLetteredWithItsReasonAndNotRetried() throws Exception {
    try (FakeHttpServer vero = new FakeHttpServer(r -> Reply.ok())) {
      Setup setup = handlerFor(vero);
      SQSBatchResponse response = setup.handler().handleRequest(sample("poison-bad-tags"), null);
      assertEquals(List.of(), response.getBatchItemFailures(), "a dead-lettered message is done");
      assertEquals(List.of(), vero.received());
      List<Message> dead = elasticMq.drain(setup.dlqUrl());
      assertEquals(1, dead.size());
      assertEquals("Tags action value must be either 'add' or 'remove'", dead.get(0).messageAttributes().get("reason").stringValue());
      assertEquals("user-3003", dead.get(0).attributes().get(
          software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName.MESSAGE_GROUP_ID));
    }
  }

  @Test
  void aRetryableFailureReturnsTheMessageAndTheRestOfItsGroupButNotOtherUsers() throws Exception {
    try (FakeHttpServer vero = new FakeHttpServer(r -> r.body().contains("\"first\"") ? Reply.status(503) : Reply.ok())) {
      Setup setup = handlerFor(vero);
      SQSEvent event = new SQSEvent();
      List<SQSEvent.SQSMessage> records = List.of(
          record("a", "{\"type\":\"track\",\"userId\":\"a\",\"event\":\"first\"}"),
          record("b", "{\"type\":\"track\",\"userId\":\"b\",\"event\":\"other user\"}"),
          record("a", "{\"type\":\"track\",\"userId\":\"a\",\"event\":\"second\"}"));
      event.setRecords(records);
      SQSBatchResponse response = setup.handler().handleRequest(event, null);
      assertEquals(List.of(records.get(0).getMessageId(), records.get(2).getMessageId()),
          response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
      assertEquals(List.of("other user"), vero.processed().stream()
          .map(r -> r.body().replaceAll(".*\"event_name\":\"([^\"]+)\".*", "$1")).toList());
      assertEquals(2, vero.received().size(), "the second message of user a was never sent; no probe: one failure among "
          + "calls that got through is the message's own");
    }
  }

  @Test
  void differentUsersAreDeliveredConcurrentlyAndOneUsersCallsOneAfterAnother() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    try (FakeHttpServer vero = new FakeHttpServer(r -> {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      inFlight.decrementAndGet();
      return Reply.ok();
    })) {
      Setup setup = handlerFor(vero);
      SQSEvent event = new SQSEvent();
      List<SQSEvent.SQSMessage> records = new ArrayList<>();
      for (int user = 0; user < 10; user++) {
        records.add(record("user-" + user, "{\"type\":\"track\",\"userId\":\"user-" + user + "\",\"event\":\"E\"}"));
      }
      event.setRecords(records);
      assertEquals(List.of(), setup.handler().handleRequest(event, null).getBatchItemFailures());
      assertEquals(10, vero.processed().size());
      assertTrue(maxInFlight.get() >= 2, "calls of different users overlapped: at most " + maxInFlight.get() + " at once");

      maxInFlight.set(0);
      vero.clear();
      SQSEvent oneUser = new SQSEvent();
      List<SQSEvent.SQSMessage> ordered = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        ordered.add(record("solo", "{\"type\":\"track\",\"userId\":\"solo\",\"event\":\"Step " + i + "\"}"));
      }
      oneUser.setRecords(ordered);
      assertEquals(List.of(), setup.handler().handleRequest(oneUser, null).getBatchItemFailures());
      assertEquals(1, maxInFlight.get(), "one user's calls never overlap");
      List<Recorded> calls = vero.processed();
      for (int i = 0; i < 3; i++) {
        assertTrue(calls.get(i).body().contains("\"Step " + i + "\""), "in the order queued");
      }
    }
  }
}
