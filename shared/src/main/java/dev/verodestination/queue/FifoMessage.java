package dev.verodestination.queue;

import dev.verodestination.json.Json;

/** One message for an SQS FIFO queue: its group (order is kept within it), its dedup id and body. */
public record FifoMessage(String groupId, String deduplicationId, String body) {

  public int sizeBytes() {
    return (int) Json.utf8Length(body);
  }
}
