package dev.verodestination.queue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Parks what cannot be delivered, with why: the body as it was, and the reason, status and time as
 * message attributes, so that an operator can read, fix and redrive it.
 */
public final class DeadLetterQueue {

  private final SqsClient sqs;
  private final String queueUrl;
  private final boolean fifo;

  public DeadLetterQueue(SqsClient sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.fifo = queueUrl.endsWith(".fifo");
  }

  /** A reason for the DLQ: never a secret, never a stack trace. {@code status} 0 means no HTTP answer. */
  public record Parked(String reason, int status, Instant failedAt, String source) {}

  /**
   * @param groupId FIFO group, to keep one user's dead letters in order
   * @param deduplicationSeed unique per parked message (the SQS message id of the failed message)
   */
  public void park(String body, Optional<String> groupId, String deduplicationSeed, Parked why) throws QueueUnavailableException {
    Map<String, MessageAttributeValue> attributes = new HashMap<>();
    attributes.put("reason", text(why.reason()));
    attributes.put("status", MessageAttributeValue.builder().dataType("Number").stringValue(Integer.toString(why.status())).build());
    attributes.put("failedAt", text(why.failedAt().toString()));
    attributes.put("source", text(why.source()));
    try {
      sqs.sendMessage(b -> {
        b.queueUrl(queueUrl).messageBody(body).messageAttributes(attributes);
        if (fifo) {
          b.messageGroupId(FifoIds.of(groupId.orElse("ungrouped"))).messageDeduplicationId(FifoIds.of("dlq-" + deduplicationSeed));
        }
      });
    } catch (SdkException e) {
      throw new QueueUnavailableException("dead-letter queue unavailable: " + e.getClass().getSimpleName(), e);
    }
  }

  private static MessageAttributeValue text(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value.isEmpty() ? "-" : value).build();
  }
}
