package dev.verodestination.queue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Parks what cannot be delivered, with why: the body as it was, and the reason, status, time and the
 * calls already made as message attributes, so that an operator can read, fix and redrive it. The
 * state lives beside the body, never in it, so that nothing a sender writes can pass for it.
 */
public final class DeadLetterQueue {

  /** Vero calls of the message already made; a redrive resumes after them. Absent means none. */
  public static final String CALLS_DONE = "veroCallsDone";
  /** SQS takes attribute values of up to 256 KB; a reason is a sentence, and never needs more. */
  static final int MAX_REASON_CHARS = 1000;

  private final SqsClient sqs;
  private final String queueUrl;
  private final boolean fifo;

  public DeadLetterQueue(SqsClient sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.fifo = queueUrl.endsWith(".fifo");
  }

  /**
   * A reason for the DLQ: never a secret, never a stack trace. {@code status} 0 means no HTTP answer;
   * {@code callsDone} counts the calls of the message that succeeded before it was parked.
   */
  public record Parked(String reason, int status, Instant failedAt, String source, int callsDone) {

    public Parked(String reason, int status, Instant failedAt, String source) {
      this(reason, status, failedAt, source, 0);
    }
  }

  /**
   * @param groupId FIFO group, to keep one user's dead letters in order
   * @param deduplicationSeed unique per parked message (the SQS message id of the failed message)
   */
  public void park(String body, Optional<String> groupId, String deduplicationSeed, Parked why) throws QueueUnavailableException {
    Map<String, MessageAttributeValue> attributes = new HashMap<>();
    attributes.put("reason", text(why.reason()));
    attributes.put("status", number(why.status()));
    attributes.put("failedAt", text(why.failedAt().toString()));
    attributes.put("source", text(why.source()));
    if (why.callsDone() > 0) {
      attributes.put(CALLS_DONE, number(why.callsDone()));
    }
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

  private static MessageAttributeValue number(int value) {
    return MessageAttributeValue.builder().dataType("Number").stringValue(Integer.toString(value)).build();
  }

  private static MessageAttributeValue text(String value) {
    String safe = SqsText.safe(value.length() > MAX_REASON_CHARS ? value.substring(0, MAX_REASON_CHARS) + "…" : value);
    return MessageAttributeValue.builder().dataType("String").stringValue(safe.isEmpty() ? "-" : safe).build();
  }
}
