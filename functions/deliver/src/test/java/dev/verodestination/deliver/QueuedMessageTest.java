package dev.verodestination.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.MessageAttribute;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.verodestination.queue.DeadLetterQueue;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A queued message's attributes, read once: as SQS sends them, and as a test's or a tool's message lacks them. */
class QueuedMessageTest {

  private static SQSMessage message(Map<String, String> attributes) {
    SQSMessage message = new SQSMessage();
    message.setMessageId("sqs-1");
    message.setBody("{}");
    message.setAttributes(attributes);
    return message;
  }

  @Test
  void aFifoMessageIsKeyedByItsGroupAndDedupIdAndCarriesItsReceiveCountAndSendTime() {
    QueuedMessage queued = QueuedMessage.of(message(Map.of("MessageGroupId", "alice", "MessageDeduplicationId", "m-1",
        "ApproximateReceiveCount", "3", "SentTimestamp", "1795867060000")));
    assertEquals(new QueuedMessage(queued.sqs(), "alice", "alice/m-1", 3, 0, Optional.of(Instant.ofEpochMilli(1795867060000L))), queued);
  }

  @Test
  void withoutAttributesAMessageIsItsOwnGroupReceivedOnceAndKeyedByItsSqsId() {
    assertEquals(new QueuedMessage(null, "sqs-1", "sqs-1", 1, 0, Optional.empty()), withoutSqs(QueuedMessage.of(message(null))));
  }

  @Test
  void numbersThatAreNotNumbersReadAsAbsentAndARedrivesCallsDoneIsNeverNegative() {
    SQSMessage redriven = message(Map.of("ApproximateReceiveCount", "many", "SentTimestamp", "yesterday"));
    MessageAttribute done = new MessageAttribute();
    done.setStringValue("-4");
    redriven.setMessageAttributes(Map.of(DeadLetterQueue.CALLS_DONE, done));
    assertEquals(new QueuedMessage(null, "sqs-1", "sqs-1", 1, 0, Optional.empty()), withoutSqs(QueuedMessage.of(redriven)));
    done.setStringValue("2");
    assertEquals(2, QueuedMessage.of(redriven).callsDone());
  }

  private static QueuedMessage withoutSqs(QueuedMessage queued) {
    return new QueuedMessage(null, queued.group(), queued.progressKey(), queued.receiveCount(), queued.callsDone(), queued.sentAt());
  }
}
