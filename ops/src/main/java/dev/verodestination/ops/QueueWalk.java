package dev.verodestination.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Reads a queue without consuming it: each message received stays invisible while the walk lasts,
 * so that the next receive returns others, and is made visible again at the end unless it was
 * deleted. On a FIFO queue a user's later messages come only after the earlier ones are deleted, as
 * SQS keeps a group's order.
 */
final class QueueWalk implements AutoCloseable {

  /** Long enough for a walk of thousands of messages; released at the end anyway. */
  static final int HOLD_SECONDS = 300;

  private final SqsClient sqs;
  private final String queueUrl;
  private final Map<String, String> held = new LinkedHashMap<>();

  QueueWalk(SqsClient sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  /** The letters of a queue that {@code picked} keeps, in queue order, up to {@code limit}; the queue is left as it was. */
  static List<DeadLetter> read(SqsClient sqs, String queueUrl, Predicate<DeadLetter> picked, int limit) {
    List<DeadLetter> letters = new ArrayList<>();
    try (QueueWalk walk = new QueueWalk(sqs, queueUrl)) {
      for (List<Message> batch = walk.next(); !batch.isEmpty() && letters.size() < limit; batch = walk.next()) {
        batch.stream().map(DeadLetter::of).filter(picked).limit(limit - letters.size()).forEach(letters::add);
      }
    }
    return letters;
  }

  /** The next messages in queue order; empty once nothing more can be received. */
  List<Message> next() {
    // a long poll asks every SQS server, so an empty answer means empty, which a short poll does not
    List<Message> received = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
            .maxNumberOfMessages(10)
            .waitTimeSeconds(1)
            .visibilityTimeout(HOLD_SECONDS)
            .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
            .messageAttributeNames("All"))
        .messages();
    List<Message> fresh = new ArrayList<>();
    for (Message message : received) {
      if (held.put(message.messageId(), message.receiptHandle()) == null) {
        fresh.add(message);
      }
    }
    return received.isEmpty() || fresh.isEmpty() ? List.of() : fresh;
  }

  void delete(Message message) {
    sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
    held.remove(message.messageId());
  }

  /** Makes every message received and not deleted visible again, at once. */
  @Override
  public void close() {
    List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
    for (Map.Entry<String, String> message : held.entrySet()) {
      entries.add(ChangeMessageVisibilityBatchRequestEntry.builder()
          .id(Integer.toString(entries.size())).receiptHandle(message.getValue()).visibilityTimeout(0).build());
      if (entries.size() == 10) {
        release(entries);
        entries.clear();
      }
    }
    if (!entries.isEmpty()) {
      release(entries);
    }
    held.clear();
  }

  private void release(List<ChangeMessageVisibilityBatchRequestEntry> entries) {
    List<ChangeMessageVisibilityBatchRequestEntry> batch = List.copyOf(entries);
    sqs.changeMessageVisibilityBatch(r -> r.queueUrl(queueUrl).entries(batch));
  }
}
