package dev.verodestination.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.verodestination.crypto.Sha256;
import dev.verodestination.testing.StubSqsClient;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

class DeadLetterQueueTest {

  private static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");

  @Test
  void aFifoDeadLetterKeepsTheBodyTheUsersGroupAndTheReasonAsAttributes() throws Exception {
    StubSqsClient sqs = new StubSqsClient();
    new DeadLetterQueue(sqs, "http://sqs/000/dlq.fifo").park("{\"type\":\"track\"}", Optional.of("bob smith"), "sqs-msg-1",
        new DeadLetterQueue.Parked("Vero answered 400: bad", 400, AT, "deliver"));
    SendMessageRequest sent = sqs.sent().get(0);
    assertEquals("http://sqs/000/dlq.fifo", sent.queueUrl());
    assertEquals("{\"type\":\"track\"}", sent.messageBody());
    assertEquals("sha256-" + Sha256.hex("bob smith"), sent.messageGroupId(), "a group id SQS cannot take is hashed");
    assertEquals("dlq-sqs-msg-1", sent.messageDeduplicationId());
    Map<String, MessageAttributeValue> attributes = sent.messageAttributes();
    assertEquals("Vero answered 400: bad", attributes.get("reason").stringValue());
    assertEquals("Number", attributes.get("status").dataType());
    assertEquals("400", attributes.get("status").stringValue());
    assertEquals("2026-11-28T12:00:00Z", attributes.get("failedAt").stringValue());
    assertEquals("deliver", attributes.get("source").stringValue());
  }

  @Test
  void aStandardQueueGetsNoFifoIdsAndAnEmptyReasonIsStillAnAttribute() throws Exception {
    StubSqsClient sqs = new StubSqsClient();
    new DeadLetterQueue(sqs, "http://sqs/000/webhook-dlq").park("{}", Optional.empty(), "seed",
        new DeadLetterQueue.Parked("", 0, AT, "webhook"));
    SendMessageRequest sent = sqs.sent().get(0);
    assertNull(sent.messageGroupId());
    assertNull(sent.messageDeduplicationId());
    assertEquals("-", sent.messageAttributes().get("reason").stringValue(), "SQS refuses empty attribute values");
  }

  @Test
  void anUnreachableQueueIsReportedWithoutTheSdksMessage() {
    StubSqsClient sqs = new StubSqsClient().onSend(r -> {
      throw SdkClientException.create("connect to http://sqs failed with secret-ish detail");
    });
    QueueUnavailableException e = assertThrows(QueueUnavailableException.class, () -> new DeadLetterQueue(sqs, "http://sqs/dlq.fifo")
        .park("{}", Optional.of("u"), "seed", new DeadLetterQueue.Parked("r", 0, AT, "deliver")));
    assertEquals("dead-letter queue unavailable: SdkClientException", e.getMessage());
  }

  @Test
  void aReasonQuotingCharactersSqsRefusesIsMadeSafeSoTheMessageIsStillParked() throws Exception {
    // issue #11, defect 11: a NUL or U+FFFF in Vero's error body made parking fail on every receive
    StubSqsClient sqs = new StubSqsClient();
    new DeadLetterQueue(sqs, "http://sqs/000/dlq.fifo").park("{}", Optional.of("u"), "seed",
        new DeadLetterQueue.Parked("Vero answered 400: bad\u0000byte \uFFFF and \uD800 but \uD83D\uDE00 stays", 400, AT, "deliver"));
    String reason = sqs.sent().get(0).messageAttributes().get("reason").stringValue();
    assertEquals("Vero answered 400: bad\uFFFDbyte \uFFFD and \uFFFD but \uD83D\uDE00 stays", reason);
    assertEquals(-1, SqsText.firstUnsafe(reason));
  }

  @Test
  void callsAlreadyMadeTravelAsAnAttributeBesideTheUnchangedBody() throws Exception {
    StubSqsClient sqs = new StubSqsClient();
    new DeadLetterQueue(sqs, "http://sqs/000/dlq.fifo").park("{\"a\":1}", Optional.of("u"), "seed",
        new DeadLetterQueue.Parked("r", 422, AT, "deliver", 1));
    assertEquals("{\"a\":1}", sqs.sent().get(0).messageBody());
    assertEquals("1", sqs.sent().get(0).messageAttributes().get(DeadLetterQueue.CALLS_DONE).stringValue());
    assertNull(new DeadLetterQueueTest().parkedWithoutCalls().messageAttributes().get(DeadLetterQueue.CALLS_DONE));
  }

  private SendMessageRequest parkedWithoutCalls() throws Exception {
    StubSqsClient sqs = new StubSqsClient();
    new DeadLetterQueue(sqs, "http://sqs/000/dlq.fifo").park("{}", Optional.of("u"), "seed", new DeadLetterQueue.Parked("r", 0, AT, "deliver"));
    return sqs.sent().get(0);
  }
}
