package dev.verodestination.ingest;

import dev.verodestination.json.Json;

/**
 * A message the planner accepted: the enriched body, and the ids that order and deduplicate it: the
 * person (the userId, or the anonymousId when anonymous visitors are tracked) and the messageId. The
 * publisher turns them into FIFO group and deduplication ids.
 */
public record AcceptedMessage(String personId, String messageId, String body) {

  public int sizeBytes() {
    return (int) Json.utf8Length(body);
  }
}
