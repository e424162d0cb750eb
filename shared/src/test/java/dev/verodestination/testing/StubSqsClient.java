package dev.verodestination.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/**
 * An SQS client for the fast unit tests: it records the three calls the functions make and answers
 * them as the test scripts (a refused entry, an outage as a thrown SdkException). Any other call
 * fails, as the SDK's interface defaults do.
 */
public final class StubSqsClient implements SqsClient {

  private final List<SendMessageRequest> sent = new CopyOnWriteArrayList<>();
  private final List<SendMessageBatchRequest> batches = new CopyOnWriteArrayList<>();
  private final List<ChangeMessageVisibilityRequest> visibilityChanges = new CopyOnWriteArrayList<>();
  private final List<software.amazon.awssdk.services.sqs.model.DeleteMessageRequest> deletes = new CopyOnWriteArrayList<>();
  private volatile Function<SendMessageRequest, SendMessageResponse> onSend =
      r -> SendMessageResponse.builder().messageId("m-" + r.hashCode()).build();
  private volatile Function<SendMessageBatchRequest, SendMessageBatchResponse> onBatch = StubSqsClient::acceptAll;

  public static SendMessageBatchResponse acceptAll(SendMessageBatchRequest request) {
    return SendMessageBatchResponse.builder()
        .successful(request.entries().stream().map(e -> software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry.builder()
            .id(e.id()).messageId("m-" + e.id()).md5OfMessageBody("-").build()).toList())
        .build();
  }

  public StubSqsClient onSend(Function<SendMessageRequest, SendMessageResponse> answer) {
    this.onSend = answer;
    return this;
  }

  public StubSqsClient onBatch(Function<SendMessageBatchRequest, SendMessageBatchResponse> answer) {
    this.onBatch = answer;
    return this;
  }

  public List<SendMessageRequest> sent() {
    return new ArrayList<>(sent);
  }

  public List<SendMessageBatchRequest> batches() {
    return new ArrayList<>(batches);
  }

  public List<ChangeMessageVisibilityRequest> visibilityChanges() {
    return new ArrayList<>(visibilityChanges);
  }

  @Override
  public SendMessageResponse sendMessage(SendMessageRequest request) {
    sent.add(request);
    return onSend.apply(request);
  }

  @Override
  public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
    batches.add(request);
    return onBatch.apply(request);
  }

  @Override
  public ChangeMessageVisibilityResponse changeMessageVisibility(ChangeMessageVisibilityRequest request) {
    visibilityChanges.add(request);
    return ChangeMessageVisibilityResponse.builder().build();
  }

  public List<software.amazon.awssdk.services.sqs.model.DeleteMessageRequest> deletes() {
    return new ArrayList<>(deletes);
  }

  @Override
  public software.amazon.awssdk.services.sqs.model.DeleteMessageResponse deleteMessage(
      software.amazon.awssdk.services.sqs.model.DeleteMessageRequest request) {
    deletes.add(request);
    return software.amazon.awssdk.services.sqs.model.DeleteMessageResponse.builder().build();
  }

  @Override
  public String serviceName() {
    return SERVICE_NAME;
  }

  @Override
  public void close() {
    // nothing to release
  }
}
