package dev.verodestination.ingest;

import java.util.ArrayList;
import java.util.List;

/** Splits messages, in order, into SendMessageBatch requests that SQS accepts. */
public final class FifoBatches {

  public static final int MAX_ENTRIES = 10;
  /** SQS's limit on a whole batch request's payload. */
  public static final int MAX_BATCH_BYTES = 1024 * 1024;

  private FifoBatches() {}

  public static List<List<AcceptedMessage>> chunk(List<AcceptedMessage> messages, int maxBytes) {
    List<List<AcceptedMessage>> chunks = new ArrayList<>();
    List<AcceptedMessage> current = new ArrayList<>();
    int currentBytes = 0;
    for (AcceptedMessage message : messages) {
      int size = message.sizeBytes();
      if (!current.isEmpty() && (current.size() == MAX_ENTRIES || currentBytes + size > maxBytes)) {
        chunks.add(current);
        current = new ArrayList<>();
        currentBytes = 0;
      }
      current.add(message);
      currentBytes += size;
    }
    if (!current.isEmpty()) {
      chunks.add(current);
    }
    return chunks;
  }
}
