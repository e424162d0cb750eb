package dev.verodestination.ingest;

import dev.verodestination.json.Json;

/**
 * A message the planner accepted: the enriched body, and the ids that order and deduplicate it. The
 * publisher turns them into FIFO group and deduplication ids.
 */
public record AcceptedMessage(String userId, String messageId, String body) {

  public int sizeBytes() {
    return (int) Json.utf8Length(body);
  }
}
