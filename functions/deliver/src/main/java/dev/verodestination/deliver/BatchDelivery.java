package dev.verodestination.deliver;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.verodestination.deliver.outage.Outage;
import dev.verodestination.deliver.outage.VeroHealth;
import dev.verodestination.log.JsonLog;
import dev.verodestination.retry.RetryPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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
  BatchReport deliver(List<SQSMessage> batch, DeliveryRun run) {
    JsonLog log = run.log();
    Map<String, List<SQSMessage>> byGroup = new LinkedHashMap<>();
    for (SQSMessage message : batch) {
      byGroup.computeIfAbsent(MessageDelivery.groupOf(message), g -> new ArrayList<>()).add(message);
    }
    Tally tally = new Tally();
    List<List<SQSMessage>> groupList = new ArrayList<>(byGroup.values());
    List<Future<List<String>>> running = new ArrayList<>();
    for (List<SQSMessage> group : groupList) {
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
        groupList.get(i).forEach(m -> retry.add(m.getMessageId()));
        log.error("delivery of a group failed unexpectedly: " + e.getClass().getSimpleName());
      }
    }
    return new BatchReport(batch.size(), tally.delivered.get(), tally.dryRun.get(), tally.deadLettered.get(), tally.retried.get(),
        tally.heldBack.get(), tally.skipped.get(), health.current(), retry);
  }

  /** The batch's counts, which its groups' threads add to side by side. */
  private static final class Tally {
    final AtomicInteger delivered = new AtomicInteger();
    final AtomicInteger deadLettered = new AtomicInteger();
    final AtomicInteger retried = new AtomicInteger();
    final AtomicInteger heldBack = new AtomicInteger();
    final AtomicInteger dryRun = new AtomicInteger();
    final AtomicInteger skipped = new AtomicInteger();
  }

  private List<String> deliverGroup(List<SQSMessage> group, Tally tally, DeliveryRun run) {
    JsonLog log = run.log();
    for (int i = 0; i < group.size(); i++) {
      SQSMessage message = group.get(i);
      List<SQSMessage> rest = group.subList(i, group.size());
      switch (messages.deliver(message, run)) {
        case MessageOutcome.Finished finished -> {
          (finished.deadLettered() ? tally.deadLettered : tally.delivered).incrementAndGet();
          listener.settled(message);
        }
        case MessageOutcome.Printed printed -> {
          tally.dryRun.incrementAndGet();
          listener.settled(message);
        }
        case MessageOutcome.Skipped skipped -> {
          tally.skipped.incrementAndGet();
          listener.settled(message);
        }
        case MessageOutcome.OutOfTime outOfTime -> {
          // handed back visible at once: a later invocation, with its own time, takes them in order
          rest.forEach(m -> delay(m, 0, log));
          log.write(log.line("INFO", "out of time, handed back").put("messageId", message.getMessageId())
              .put("handedBack", rest.size()).put("remainingMillis", run.remainingMillis().getAsLong()));
          return rest.stream().map(SQSMessage::getMessageId).toList();
        }
        case MessageOutcome.HeldBack held -> {
          int seconds = (int) Math.min(held.outage().holdFor().toSeconds(), MAX_VISIBILITY_SECONDS);
          rest.forEach(m -> delay(m, seconds, log));
          tally.heldBack.addAndGet(rest.size());
          log.write(log.line("INFO", "held back for an outage").put("messageId", message.getMessageId())
              .put("cause", held.outage().cause().metricName).put("visibilitySeconds", seconds).put("heldBack", rest.size()));
          return rest.stream().map(SQSMessage::getMessageId).toList();
        }
        case MessageOutcome.TryAgain tryAgain -> {
          int seconds = visibilitySeconds(MessageDelivery.receiveCount(message), tryAgain);
          rest.forEach(m -> delay(m, seconds, log));
          tally.retried.addAndGet(rest.size());
          log.write(log.line("WARN", "retrying later")
              .put("messageId", message.getMessageId())
              .put("reason", tryAgain.reason())
              .put("receiveCount", MessageDelivery.receiveCount(message))
              .put("visibilitySeconds", seconds)
              .put("heldBack", rest.size() - 1));
          DeliverMetrics.retry(log, rest.size());
          return rest.stream().map(SQSMessage::getMessageId).toList();
        }
      }
    }
    return List.of();
  }

  /** The retry policy's wait after this many receives, within SQS's longest visibility timeout. */
  private int visibilitySeconds(int receiveCount, MessageOutcome.TryAgain tryAgain) {
    return (int) Math.min(Math.round(retries.delay(receiveCount, tryAgain.retryAfter()).toMillis() / 1000.0), MAX_VISIBILITY_SECONDS);
  }

  private void delay(SQSMessage message, int seconds, JsonLog log) {
    try {
      sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(message.getReceiptHandle()).visibilityTimeout(seconds));
    } catch (SdkException e) {
      // the queue's own visibility timeout still brings the message back
      log.warn("could not set the backoff of " + message.getMessageId() + ": " + e.getClass().getSimpleName());
    }
  }
}
