package dev.verodestination.testing;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

public final class QueueReader {

  private QueueReader() {}

  /**
   * Receives and deletes every message now available, with its attributes, in the order received.
   * Deleting is what lets a FIFO queue hand out the next messages of a group.
   */
  public static List<Message> drain(SqsClient sqs, String queueUrl) {
    List<Message> all = new ArrayList<>();
    while (true) {
      List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
              .maxNumberOfMessages(10)
              .visibilityTimeout(60)
              .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
              .messageAttributeNames("All"))
          .messages();
      if (batch.isEmpty()) {
        return all;
      }
      all.addAll(batch);
      sqs.deleteMessageBatch(d -> d.queueUrl(queueUrl).entries(batch.stream()
          .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build())
          .toList()));
    }
  }
}
