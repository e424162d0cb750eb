package dev.verodestination.deliver;

import dev.verodestination.deliver.outage.VeroHealth;
import dev.verodestination.log.JsonLog;
import dev.verodestination.retry.RetryPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Delivers a batch from the FIFO queue: each user's messages in order, different users at once. When
 * a message must be retried, it and every later message of its group in the batch are returned as
 * failures (so order holds), each made invisible for a backoff that grows with its receive count.
 */
final class BatchDelivery {

  /** SQS's longest visibility timeout. */
  static final int MAX_VISIBILITY_SECONDS = 12 * 3600;

  private final MessageDelivery messages;
  private final SqsClient sqs;
  private final String queueUrl;
  private final RetryPolicy retries;
  private final ExecutorService groups;
  private final VeroHealth health;
  private final DeliveryListener listener;

  BatchDelivery(MessageDelivery messages, SqsClient sqs, String queueUrl, RetryPolicy retries, ExecutorService groups,
      VeroHealth health, DeliveryListener listener) {
    this.messages = messages;
    this.listener = listener;
    this.health = health;
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.retries = retries;
    this.groups = groups;
  }

  /** The report's retry list is in batch order. */
  BatchReport deliver(List<QueuedMessage> batch, DeliveryRun run) {
    Map<String, List<QueuedMessage>> byGroup = new LinkedHashMap<>();
    for (QueuedMessage message : batch) {
      byGroup.computeIfAbsent(message.group(), g -> new ArrayList<>()).add(message);
    }
    BatchTally tally = new BatchTally();
    List<List<QueuedMessage>> groupList = new ArrayList<>(byGroup.values());
    List<Future<List<String>>> running = new ArrayList<>();
    for (List<QueuedMessage> group : groupList) {
      running.add(groups.submit(() -> deliverGroup(group, tally, run)));
    }
    List<String> retry = new ArrayList<>();
    for (int i = 0; i < running.size(); i++) {
      try {
        retry.addAll(running.get(i).get());
      } catch (ExecutionException | InterruptedException e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        // nothing of this group is known to be done: all of it is retried
        groupList.get(i).forEach(m -> retry.add(m.id()));
        run.log().error("delivery of a group failed unexpectedly: " + e.getClass().getSimpleName());
      }
    }
    return tally.report(batch.size(), health.current(), retry);
  }

  /** A group's messages in order, up to the first that stays on the queue; returns those that stay. */
  private List<String> deliverGroup(List<QueuedMessage> group, BatchTally tally, DeliveryRun run) {
    JsonLog log = run.log();
    for (int i = 0; i < group.size(); i++) {
      QueuedMessage message = group.get(i);
      List<QueuedMessage> rest = group.subList(i, group.size());
      switch (messages.deliver(message, run)) {
        case MessageOutcome.Finished finished when finished.deadLettered() -> settled(message, tally::deadLettered);
        case MessageOutcome.Finished finished -> settled(message, tally::delivered);
        case MessageOutcome.Skipped skipped -> settled(message, tally::skipped);
        case MessageOutcome.OutOfTime outOfTime -> {
          // handed back visible at once: a later invocation, with its own time, takes them in order
          delay(rest, 0, log);
          log.write(log.line("INFO", "out of time, handed back").put("messageId", message.id())
              .put("handedBack", rest.size()).put("remainingMillis", run.remainingMillis().getAsLong()));
          return ids(rest);
        }
        case MessageOutcome.HeldBack held -> {
          int seconds = (int) Math.min(held.outage().holdFor().toSeconds(), MAX_VISIBILITY_SECONDS);
          delay(rest, seconds, log);
          tally.heldBack(rest.size());
          log.write(log.line("INFO", "held back for an outage").put("messageId", message.id())
              .put("cause", held.outage().cause().metricName).put("visibilitySeconds", seconds).put("heldBack", rest.size()));
          return ids(rest);
        }
        case MessageOutcome.TryAgain tryAgain -> {
          int seconds = visibilitySeconds(message.receiveCount(), tryAgain);
          delay(rest, seconds, log);
          tally.retried(rest.size());
          log.write(log.line("WARN", "retrying later")
              .put("messageId", message.id())
              .put("reason", tryAgain.reason())
              .put("receiveCount", message.receiveCount())
              .put("visibilitySeconds", seconds)
              .put("heldBack", rest.size() - 1));
          DeliverMetrics.retry(log, rest.size());
          return ids(rest);
        }
      }
    }
    return List.of();
  }

  /** Nothing will send it again: counted, and the listener told. */
  private void settled(QueuedMessage message, Runnable count) {
    count.run();
    listener.settled(message.sqs());
  }

  private static List<String> ids(List<QueuedMessage> messages) {
    return messages.stream().map(QueuedMessage::id).toList();
  }

  /** The retry policy's wait after this many receives, within SQS's longest visibility timeout. */
  private int visibilitySeconds(int receiveCount, MessageOutcome.TryAgain tryAgain) {
    return (int) Math.min(Math.round(retries.delay(receiveCount, tryAgain.retryAfter()).toMillis() / 1000.0), MAX_VISIBILITY_SECONDS);
  }

  private void delay(List<QueuedMessage> messages, int seconds, JsonLog log) {
    for (QueuedMessage message : messages) {
      try {
        sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()).visibilityTimeout(seconds));
      } catch (SdkException e) {
        // the queue's own visibility timeout still brings the message back
        log.warn("could not set the backoff of " + message.id() + ": " + e.getClass().getSimpleName());
      }
    }
  }
}
