package dev.verodestination.deliver;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.verodestination.queue.DeadLetterQueue;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One message as the queue handed it over, its SQS attributes read once. A test's or a tool's
 * message may lack any attribute; each has the value delivery assumes without it. The body is never
 * read for this state: a sender could write anything there.
 *
 * @param group its FIFO group (a user), or its own id when it has none
 * @param progressKey what SQS dedups a FIFO message on: two users' messages may share a messageId, never both ids
 * @param receiveCount how many times SQS has handed it over, this time included
 * @param callsDone Vero calls a dead letter's redrive says were made ({@value DeadLetterQueue#CALLS_DONE})
 * @param sentAt when it entered the queue, if SQS said
 */
record QueuedMessage(SQSMessage sqs, String group, String progressKey, int receiveCount, int callsDone, Optional<Instant> sentAt) {

  static QueuedMessage of(SQSMessage message) {
    Map<String, String> attributes = message.getAttributes() == null ? Map.of() : message.getAttributes();
    String group = attributes.getOrDefault("MessageGroupId", message.getMessageId());
    String dedup = attributes.get("MessageDeduplicationId");
    return new QueuedMessage(message, group, dedup == null ? message.getMessageId() : group + "/" + dedup,
        whole(attributes.get("ApproximateReceiveCount")).map(Long::intValue).orElse(1), callsDone(message),
        whole(attributes.get("SentTimestamp")).map(Instant::ofEpochMilli));
  }

  /** SQS's id of this message, which a batch item failure names. */
  String id() {
    return sqs.getMessageId();
  }

  String body() {
    return sqs.getBody();
  }

  String receiptHandle() {
    return sqs.getReceiptHandle();
  }

  private static int callsDone(SQSMessage message) {
    Map<String, SQSEvent.MessageAttribute> attributes = message.getMessageAttributes();
    SQSEvent.MessageAttribute done = attributes == null ? null : attributes.get(DeadLetterQueue.CALLS_DONE);
    return whole(done == null ? null : done.getStringValue()).map(n -> (int) Math.min(Math.max(0, n), Integer.MAX_VALUE)).orElse(0);
  }

  private static Optional<Long> whole(String value) {
    try {
      return value == null ? Optional.empty() : Optional.of(Long.parseLong(value));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
