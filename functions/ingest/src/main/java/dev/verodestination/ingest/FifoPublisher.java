package dev.verodestination.ingest;

import dev.verodestination.queue.FifoIds;
import dev.verodestination.queue.QueueUnavailableException;
import dev.verodestination.retry.RetryPolicy;
import dev.verodestination.retry.RetryPolicy.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Puts accepted messages on a FIFO queue in order, with SendMessageBatch: the person is the group (order
 * per user) and the person with the messageId the deduplication id, each made fit for SQS. Entries SQS refuses are sent again
 * (in order, since a later entry of the same group may already be in); when they still fail the
 * whole call fails, and the caller answers so that its client retries: the dedup ids make that safe.
 */
public final class FifoPublisher {

  /** Short: the caller's client is waiting for the answer, and retries the whole request itself. */
  static final RetryPolicy RETRIES = new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(200), 3);

  private final SqsClient sqs;
  private final String queueUrl;
  private final int maxBatchBytes;

  public FifoPublisher(SqsClient sqs, String queueUrl) {
    this(sqs, queueUrl, FifoBatches.MAX_BATCH_BYTES);
  }

  public FifoPublisher(SqsClient sqs, String queueUrl, int maxBatchBytes) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.maxBatchBytes = maxBatchBytes;
  }

  public void publish(List<AcceptedMessage> messages) throws QueueUnavailableException {
    int queued = 0;
    for (List<AcceptedMessage> chunk : FifoBatches.chunk(messages, maxBatchBytes)) {
      queued += publishChunk(chunk, queued);
    }
  }

  /** Returns the chunk's size once all of it is queued; throws with how many messages are queued in all. */
  private int publishChunk(List<AcceptedMessage> chunk, int queuedBefore) throws QueueUnavailableException {
    List<AcceptedMessage> pending = new ArrayList<>(chunk);
    SdkException[] lastException = {null};
    Step<Void> last;
    try {
      last = RETRIES.run((attempt, remaining) -> {
        try {
          List<AcceptedMessage> refused = send(pending);
          pending.clear();
          pending.addAll(refused);
          return refused.isEmpty() ? new Step.Done<>(null) : new Step.Again<>("SQS refused " + refused.size() + " of " + chunk.size() + " entries");
        } catch (SdkException e) {
          lastException[0] = e;
          return new Step.Again<>("SQS call failed: " + e.getClass().getSimpleName());
        }
      });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QueueUnavailableException("interrupted while retrying SQS", e);
    }
    return switch (last) {
      case Step.Done<Void> done -> chunk.size();
      case Step.Again<Void> again ->
          throw new QueueUnavailableException(again.reason(), lastException[0], queuedBefore + chunk.size() - pending.size());
    };
  }

  /**
   * The person and the messageId: what SQS dedups on with template.yaml's per-group scope, spelled
   * out, so that a queue deduplicating across groups (ElasticMQ, or a queue made by hand) keeps two
   * users' equal messageIds apart too.
   */
  static String deduplicationId(AcceptedMessage message) {
    return FifoIds.of(message.personId() + "/" + message.messageId());
  }

  /** Returns the entries SQS did not take, in their original order. */
  private List<AcceptedMessage> send(List<AcceptedMessage> messages) {
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      AcceptedMessage message = messages.get(i);
      entries.add(SendMessageBatchRequestEntry.builder()
          .id(Integer.toString(i))
          .messageGroupId(FifoIds.of(message.personId()))
          .messageDeduplicationId(deduplicationId(message))
          .messageBody(message.body())
          .build());
    }
    SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
    if (!response.hasFailed() || response.failed().isEmpty()) {
      return List.of();
    }
    boolean[] refused = new boolean[messages.size()];
    for (BatchResultErrorEntry error : response.failed()) {
      refused[Integer.parseInt(error.id())] = true;
    }
    List<AcceptedMessage> failed = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      if (refused[i]) {
        failed.add(messages.get(i));
      }
    }
    return failed;
  }
}
