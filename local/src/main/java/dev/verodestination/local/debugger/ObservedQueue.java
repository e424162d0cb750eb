package dev.verodestination.local.debugger;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

/**
 * The ingest function's SQS client in the runner, seen by the debugger: each message the queue took
 * is reported with the SQS id that the deliver function's log lines will name. Every other call is
 * the real client's.
 */
public final class ObservedQueue implements SqsClient {

  private final SqsClient sqs;
  private final DebuggerActivity activity;

  public ObservedQueue(SqsClient sqs, DebuggerActivity activity) {
    this.sqs = sqs;
    this.activity = activity;
  }

  @Override
  public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
    SendMessageBatchResponse response = sqs.sendMessageBatch(request);
    for (SendMessageBatchResultEntry taken : response.successful()) {
      for (SendMessageBatchRequestEntry entry : request.entries()) {
        if (entry.id().equals(taken.id())) {
          activity.queued(taken.messageId(), entry.messageBody());
        }
      }
    }
    return response;
  }

  @Override
  public String serviceName() {
    return sqs.serviceName();
  }

  @Override
  public void close() {
    // the runner closes the real client
  }
}
