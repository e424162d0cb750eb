package dev.verodestination.deliver;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.verodestination.log.JsonLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Delivers a batch from the FIFO queue: each user's messages in order, different users at once. When
 * a message must be retried, it and every later message of its group in the batch are returned as
 * failures (so order holds), each made invisible for a backoff that grows with its receive count.
 */
final class BatchDelivery {

  private final MessageDelivery messages;
  private final SqsClient sqs;
  private final String queueUrl;
  private final Backoff backoff;
  private final DoubleSupplier jitter;
  private final ExecutorService groups;
  private final DeliveryCounters counters;

  BatchDelivery(MessageDelivery messages, SqsClient sqs, String queueUrl, Backoff backoff, DoubleSupplier jitter,
      ExecutorService groups, DeliveryCounters counters) {
    this.messages = messages;
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.backoff = backoff;
    this.jitter = jitter;
    this.groups = groups;
    this.counters = counters;
  }

  /** {@code log} and {@code remainingMillis} are the invocation's; the report's retry list is in batch order. */
  BatchReport deliver(List<SQSMessage> batch, JsonLog log, LongSupplier remainingMillis) {
    counters.received.addAndGet(batch.size());
    Map<String, List<SQSMessage>> byGroup = new LinkedHashMap<>();
    for (SQSMessage message : batch) {
      byGroup.computeIfAbsent(MessageDelivery.groupOf(message), g -> new ArrayList<>()).add(message);
    }
    AtomicInteger delivered = new AtomicInteger();
    AtomicInteger deadLettered = new AtomicInteger();
    List<List<SQSMessage>> groupList = new ArrayList<>(byGroup.values());
    List<Future<List<String>>> running = new ArrayList<>();
    for (List<SQSMessage> group : groupList) {
      running.add(groups.submit(() -> deliverGroup(group, delivered, deadLettered, log, remainingMillis)));
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
    return new BatchReport(batch.size(), delivered.get(), deadLettered.get(), retry);
  }

  private List<String> deliverGroup(List<SQSMessage> group, AtomicInteger delivered, AtomicInteger deadLettered, JsonLog log,
      LongSupplier remainingMillis) {
    for (int i = 0; i < group.size(); i++) {
      SQSMessage message = group.get(i);
      MessageOutcome outcome = messages.deliver(message, log, remainingMillis);
      if (outcome instanceof MessageOutcome.Finished finished) {
        (finished.deadLettered() ? counters.deadLettered : counters.delivered).incrementAndGet();
        (finished.deadLettered() ? deadLettered : delivered).incrementAndGet();
        continue;
      }
      List<SQSMessage> rest = group.subList(i, group.size());
      if (outcome instanceof MessageOutcome.OutOfTime) {
        // handed back visible at once: a later invocation, with its own time, takes them in order
        rest.forEach(m -> delay(m, 0, log));
        log.write(log.line("INFO", "out of time, handed back").put("messageId", message.getMessageId())
            .put("handedBack", rest.size()).put("remainingMillis", remainingMillis.getAsLong()));
        return rest.stream().map(SQSMessage::getMessageId).toList();
      }
      MessageOutcome.TryAgain tryAgain = (MessageOutcome.TryAgain) outcome;
      int seconds = backoff.visibilitySeconds(MessageDelivery.receiveCount(message), tryAgain.retryAfter(), jitter.getAsDouble());
      rest.forEach(m -> delay(m, seconds, log));
      counters.retried.addAndGet(rest.size());
      log.write(log.line("WARN", "retrying later")
          .put("messageId", message.getMessageId())
          .put("reason", tryAgain.reason())
          .put("receiveCount", MessageDelivery.receiveCount(message))
          .put("visibilitySeconds", seconds)
          .put("heldBack", rest.size() - 1));
      DeliverMetrics.retry(log, rest.size());
      return rest.stream().map(SQSMessage::getMessageId).toList();
    }
    return List.of();
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
