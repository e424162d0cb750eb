package dev.verodestination.queue;

import java.nio.charset.StandardCharsets;

/** One message for an SQS FIFO queue: its group (order is kept within it), its dedup id and body. */
public record FifoMessage(String groupId, String deduplicationId, String body) {

  public int sizeBytes() {
    return body.getBytes(StandardCharsets.UTF_8).length;
  }
}
