package dev.verodestination.ops;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;
import dev.verodestination.crypto.Sha256;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Reads a queue without consuming it: each message received stays invisible while the walk lasts,
 * so that the next receive returns others, and is made visible again at the end unless it was
 * deleted. On a FIFO queue a user's later messages come only after the earlier ones are deleted, as
 * SQS keeps a group's order. One pass: a message the walk sent back that lands in the queue again
 * (redriven, failed again, parked again) is held, not walked twice; and what the walk holds is
 * released if the process is stopped (Ctrl-C, SIGTERM) before the walk ends.
 */
final class QueueWalk implements AutoCloseable {

  /** Long enough for a walk of thousands of messages; released at the end anyway. */
  static final int HOLD_SECONDS = 300;

  private final SqsClient sqs;
  private final String queueUrl;
  // the walk's thread and a stopping process's hook both reach it
  private final Map<String, String> held = Collections.synchronizedMap(new LinkedHashMap<>());
  /** Bodies the walk sent back, by their digest and group: the same letter parked again is not walked again. */
  private final Set<String> sentBack = new HashSet<>();
  private final Thread releaseOnStop = new Thread(this::releaseHeld, "queue-walk-release");

  QueueWalk(SqsClient sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    Runtime.getRuntime().addShutdownHook(releaseOnStop);
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

  /** The next messages in queue order, none the walk sent back; empty once nothing more can be received. */
  List<Message> next() {
    while (true) {
      // a long poll asks every SQS server, so an empty answer means empty, which a short poll does not
      List<Message> received = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
              .maxNumberOfMessages(10)
              .waitTimeSeconds(1)
              .visibilityTimeout(HOLD_SECONDS)
              .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
              .messageAttributeNames("All"))
          .messages();
      if (received.isEmpty()) {
        return List.of();
      }
      List<Message> fresh = new ArrayList<>();
      boolean seenBefore = false;
      for (Message message : received) {
        boolean first = held.put(message.messageId(), message.receiptHandle()) == null;
        seenBefore |= !first;
        if (first && !sentBack.contains(keyOf(message))) {
          fresh.add(message);
        }
      }
      if (!fresh.isEmpty() || seenBefore) {
        return fresh;
      }
      // only letters this walk sent back, parked again: held, and the walk reads on
    }
  }

  /** Marks a message as sent back by this walk: should it come back to this queue, the walk passes it by. */
  void sentBack(Message message) {
    sentBack.add(keyOf(message));
  }

  private static String keyOf(Message message) {
    return message.attributes().getOrDefault(MessageSystemAttributeName.MESSAGE_GROUP_ID, "") + "/" + Sha256.hex(message.body());
  }

  void delete(Message message) {
    sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
    held.remove(message.messageId());
  }

  /** Makes every message received and not deleted visible again, at once. */
  @Override
  public void close() {
    releaseHeld();
    try {
      Runtime.getRuntime().removeShutdownHook(releaseOnStop);
    } catch (IllegalStateException stopping) {
      // the process is stopping: the hook runs or has run, and finds nothing held
    }
  }

  private synchronized void releaseHeld() {
    List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
    List<Map.Entry<String, String>> holding;
    synchronized (held) {
      holding = new ArrayList<>(held.entrySet());
    }
    for (Map.Entry<String, String> message : holding) {
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
