package dev.verodestination.deliver;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.verodestination.log.JsonLog;
import dev.verodestination.queue.Backoff;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.DoubleSupplier;
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
  private final JsonLog log;

  BatchDelivery(MessageDelivery messages, SqsClient sqs, String queueUrl, Backoff backoff, DoubleSupplier jitter,
      ExecutorService groups, DeliveryCounters counters, JsonLog log) {
    this.messages = messages;
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.backoff = backoff;
    this.jitter = jitter;
    this.groups = groups;
    this.counters = counters;
    this.log = log;
  }

  /** Returns the message ids to report as batch item failures, in batch order. */
  List<String> deliver(List<SQSMessage> batch) {
    counters.received.addAndGet(batch.size());
    Map<String, List<SQSMessage>> byGroup = new LinkedHashMap<>();
    for (SQSMessage message : batch) {
      byGroup.computeIfAbsent(MessageDelivery.groupOf(message), g -> new ArrayList<>()).add(message);
    }
    List<Future<List<String>>> running = new ArrayList<>();
    for (List<SQSMessage> group : byGroup.values()) {
      running.add(groups.submit(() -> deliverGroup(group)));
    }
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < running.size(); i++) {
      try {
        failed.addAll(running.get(i).get());
      } catch (ExecutionException | InterruptedException e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        // nothing of this group is known to be done: all of it is retried
        new ArrayList<>(byGroup.values()).get(i).forEach(m -> failed.add(m.getMessageId()));
        log.error("delivery of a group failed unexpectedly: " + e.getClass().getSimpleName());
      }
    }
    return failed;
  }

  private List<String> deliverGroup(List<SQSMessage> group) {
    for (int i = 0; i < group.size(); i++) {
      SQSMessage message = group.get(i);
      MessageOutcome outcome = messages.deliver(message);
      if (outcome instanceof MessageOutcome.Finished finished) {
        (finished.deadLettered() ? counters.deadLettered : counters.delivered).incrementAndGet();
        continue;
      }
      MessageOutcome.TryAgain tryAgain = (MessageOutcome.TryAgain) outcome;
      List<SQSMessage> rest = group.subList(i, group.size());
      int seconds = backoff.visibilitySeconds(MessageDelivery.receiveCount(message), tryAgain.retryAfter(), jitter.getAsDouble());
      rest.forEach(m -> delay(m, seconds));
      counters.retrying.addAndGet(rest.size());
      log.write(log.line("WARN", "retrying later")
          .put("messageId", message.getMessageId())
          .put("reason", tryAgain.reason())
          .put("receiveCount", MessageDelivery.receiveCount(message))
          .put("visibilitySeconds", seconds)
          .put("heldBack", rest.size() - 1));
      return rest.stream().map(SQSMessage::getMessageId).toList();
    }
    return List.of();
  }

  private void delay(SQSMessage message, int seconds) {
    try {
      sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(message.getReceiptHandle()).visibilityTimeout(seconds));
    } catch (SdkException e) {
      // the queue's own visibility timeout still brings the message back
      log.warn("could not set the backoff of " + message.getMessageId() + ": " + e.getClass().getSimpleName());
    }
  }
}
