package dev.verodestination.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.verodestination.crypto.Sha256;
import dev.verodestination.queue.QueueUnavailableException;
import dev.verodestination.testing.StubSqsClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

class FifoPublisherTest {

  private static List<AcceptedMessage> messages(int count) {
    List<AcceptedMessage> messages = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      messages.add(new AcceptedMessage("user-" + (i % 3), "m-" + i, "{\"n\":" + i + "}"));
    }
    return messages;
  }

  private static List<String> bodies(SendMessageBatchRequest request) {
    return request.entries().stream().map(SendMessageBatchRequestEntry::messageBody).toList();
  }

  /** Refuses the entries at these positions of the first batch call, then takes everything. */
  private static SendMessageBatchResponse refuseOnce(SendMessageBatchRequest request, AtomicInteger calls, int... positions) {
    if (calls.getAndIncrement() > 0) {
      return StubSqsClient.acceptAll(request);
    }
    List<BatchResultErrorEntry> failed = new ArrayList<>();
    for (int position : positions) {
      failed.add(BatchResultErrorEntry.builder().id(request.entries().get(position).id()).code("InternalError").senderFault(false).build());
    }
    return SendMessageBatchResponse.builder().failed(failed).build();
  }

  @Test
  void theUserIsTheGroupAndUserAndMessageIdTheDedupIdEachMadeFitForSqs() throws Exception {
    StubSqsClient sqs = new StubSqsClient();
    new FifoPublisher(sqs, "q.fifo").publish(List.of(new AcceptedMessage("bob smith", "m 1", "{}"), new AcceptedMessage("ada", "m-2", "{}")));
    SendMessageBatchRequestEntry first = sqs.batches().get(0).entries().get(0);
    assertEquals("sha256-" + Sha256.hex("bob smith"), first.messageGroupId());
    assertEquals("sha256-" + Sha256.hex("bob smith/m 1"), first.messageDeduplicationId());
    SendMessageBatchRequestEntry second = sqs.batches().get(0).entries().get(1);
    assertEquals("ada", second.messageGroupId());
    assertEquals("ada/m-2", second.messageDeduplicationId(), "the person and the messageId: per-user dedup on any queue");
  }

  @Test
  void messagesGoInOrderInBatchesOfTen() throws Exception {
    StubSqsClient sqs = new StubSqsClient();
    new FifoPublisher(sqs, "q.fifo").publish(messages(25));
    assertEquals(List.of(10, 10, 5), sqs.batches().stream().map(b -> b.entries().size()).toList());
    assertEquals("{\"n\":10}", bodies(sqs.batches().get(1)).get(0));
  }

  @Test
  void aBatchIsCutWhereTheNextMessageWouldPassTheByteLimit() throws Exception {
    StubSqsClient sqs = new StubSqsClient();
    new FifoPublisher(sqs, "q.fifo", 16).publish(messages(4));
    assertEquals(List.of(2, 2), sqs.batches().stream().map(b -> b.entries().size()).toList(), "two 7-byte bodies fit in 16 bytes");
  }

  @Test
  void refusedEntriesAreSentAgainInTheirOriginalOrder() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    StubSqsClient sqs = new StubSqsClient().onBatch(r -> refuseOnce(r, calls, 1, 3));
    new FifoPublisher(sqs, "q.fifo").publish(messages(5));
    assertEquals(2, sqs.batches().size());
    assertEquals(List.of("{\"n\":1}", "{\"n\":3}"), bodies(sqs.batches().get(1)));
  }

  @Test
  void entriesStillRefusedAfterThreeTriesFailTheCallWithACountAndNoSqsDetail() {
    StubSqsClient sqs = new StubSqsClient().onBatch(r -> SendMessageBatchResponse.builder()
        .failed(BatchResultErrorEntry.builder().id(r.entries().get(0).id()).code("InternalError").senderFault(false).build())
        .successful(List.of()).build());
    QueueUnavailableException e = assertThrows(QueueUnavailableException.class, () -> new FifoPublisher(sqs, "q.fifo").publish(messages(3)));
    assertEquals("SQS refused 1 of 3 entries", e.getMessage());
    assertEquals(FifoPublisher.RETRIES.maxAttempts(), sqs.batches().size());
  }

  @Test
  void anOutageFailsTheCallNamingTheExceptionClassOnly() {
    StubSqsClient sqs = new StubSqsClient().onBatch(r -> {
      throw SdkClientException.create("Unable to execute HTTP request: Connect to 127.0.0.1:1 failed");
    });
    QueueUnavailableException e = assertThrows(QueueUnavailableException.class, () -> new FifoPublisher(sqs, "q.fifo").publish(messages(1)));
    assertEquals("SQS call failed: SdkClientException", e.getMessage());
  }

  @Test
  void whenALaterBatchFailsTheFailureSaysHowManyMessagesTheQueueAlreadyHas() {
    // issue #11, defect 2: earlier chunks were queued while the answer said nothing was
    AtomicInteger calls = new AtomicInteger();
    StubSqsClient sqs = new StubSqsClient().onBatch(r -> {
      if (calls.incrementAndGet() == 1) {
        return StubSqsClient.acceptAll(r);
      }
      throw SdkClientException.create("down");
    });
    QueueUnavailableException e = assertThrows(QueueUnavailableException.class, () -> new FifoPublisher(sqs, "q.fifo").publish(messages(15)));
    assertEquals(10, e.queued());
  }
}
