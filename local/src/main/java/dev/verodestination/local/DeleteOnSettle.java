package dev.verodestination.local;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.verodestination.deliver.BatchReport;
import dev.verodestination.deliver.DeliveryListener;
import dev.verodestination.log.JsonLog;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Deletes each message from the runner's queue the moment deliver settles it, rather than with its
 * batch: a runner killed mid-batch then repeats only the calls that were under way. Batches go on to
 * the counters.
 */
final class DeleteOnSettle implements DeliveryListener {

  private final SqsClient sqs;
  private final String queueUrl;
  private final Consumer<BatchReport> batches;
  private final JsonLog log;
  /** Deleted here and not yet passed by the poller, which would delete them again with the batch. */
  private final Set<String> deleted = ConcurrentHashMap.newKeySet();

  DeleteOnSettle(SqsClient sqs, String queueUrl, Consumer<BatchReport> batches, JsonLog log) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.batches = batches;
    this.log = log;
  }

  @Override
  public void settled(SQSMessage message) {
    try {
      sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.getReceiptHandle()));
      deleted.add(message.getMessageId());
    } catch (SdkException e) {
      // the poller deletes it with its batch, as the event source mapping does
      log.warn("could not delete a settled message at once: " + e.getClass().getSimpleName());
    }
  }

  /** Whether this message was deleted as it settled; asked once, by the poller deleting its batch. */
  boolean deletedAlready(String messageId) {
    return deleted.remove(messageId);
  }

  @Override
  public void batchDone(BatchReport report) {
    batches.accept(report);
  }
}
