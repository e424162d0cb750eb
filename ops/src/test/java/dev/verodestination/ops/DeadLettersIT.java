package dev.verodestination.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verodestination.queue.DeadLetterQueue;
import dev.verodestination.testing.ElasticMq;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** Dead letters read and redriven on ElasticMQ's FIFO queues: what goes back, with which ids, and what is held. */
class DeadLettersIT {

  @RegisterExtension
  static final ElasticMq ELASTIC_MQ = new ElasticMq();

  private static final Instant FAILED_AT = Instant.parse("2026-11-29T10:00:00Z");

  static String body(String user, String messageId) {
    return "{\"type\":\"track\",\"userId\":\"" + user + "\",\"messageId\":\"" + messageId + "\",\"event\":\"E\"}";
  }

  @Test
  void aRedriveByReasonSendsThePickedBackAndHoldsAUsersLaterLettersBehindOneNotPicked() throws Exception {
    String dlq = ELASTIC_MQ.fifoQueue("held-dlq");
    String queue = ELASTIC_MQ.fifoQueue("held-events");
    DeadLetterQueue park = new DeadLetterQueue(ELASTIC_MQ.sqs(), dlq);
    park.park(body("ann", "a-1"), Optional.of("ann"), "sqs-a1", new DeadLetterQueue.Parked("Vero answered 401: bad token", 401, FAILED_AT, "deliver"));
    park.park(body("ann", "a-2"), Optional.of("ann"), "sqs-a2", new DeadLetterQueue.Parked("Vero answered 500 five times", 500, FAILED_AT, "deliver", 1));
    park.park(body("bob", "b-1"), Optional.of("bob"), "sqs-b1", new DeadLetterQueue.Parked("Vero answered 500 five times", 500, FAILED_AT, "deliver", 2));
    DeadLetters deadLetters = new DeadLetters(ELASTIC_MQ.sqs(), dlq, queue);

    List<DeadLetter> listed = deadLetters.list(DeadLetters.Filter.ALL, 100);
    assertEquals(List.of("a-1", "a-2", "b-1"), listed.stream().map(DeadLetter::messageId).sorted().toList());
    assertEquals(List.of("b-1"), deadLetters.list(new DeadLetters.Filter(Optional.empty(), Optional.of("bob"), Optional.empty()), 100)
        .stream().map(DeadLetter::messageId).toList());

    DeadLetters.Report report = deadLetters.redrive(new DeadLetters.Filter(Optional.of("FIVE TIMES"), Optional.empty(), Optional.empty()), false);
    assertEquals(1, report.count(DeadLetters.Action.REDRIVEN));
    assertEquals(1, report.count(DeadLetters.Action.HELD));
    assertEquals(1, report.notSelected());
    DeadLetters.Step held = report.steps().stream().filter(s -> s.action() == DeadLetters.Action.HELD).findFirst().orElseThrow();
    assertEquals("a-2", held.letter().messageId());
    assertTrue(held.detail().startsWith("an earlier dead letter of the same user ("), held.detail());

    List<Message> back = ELASTIC_MQ.drain(queue);
    assertEquals(1, back.size());
    Message bob = back.get(0);
    assertEquals(body("bob", "b-1"), bob.body());
    assertEquals("bob", bob.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
    assertTrue(bob.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID).startsWith("redrive-"));
    assertEquals("2", bob.messageAttributes().get(DeadLetterQueue.CALLS_DONE).stringValue());
    assertEquals("Number", bob.messageAttributes().get(DeadLetterQueue.CALLS_DONE).dataType());
    assertEquals(List.of("a-1", "a-2"), deadLetters.list(DeadLetters.Filter.ALL, 100).stream().map(DeadLetter::messageId).toList(),
        "ann's letters stay, in order, visible again at once");
  }
}
