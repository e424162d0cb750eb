package dev.verodestination.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.json.Json;
import dev.verodestination.segment.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Fills in what Segment's own API fills in: a messageId, receivedAt, and a timestamp corrected for
 * the sender's clock skew ({@code receivedAt - (sentAt - originalTimestamp)}).
 */
public final class Enrichment {

  private Enrichment() {}

  /**
   * Expects a message that passed {@link MessageRules}, so its time fields parse. Returns how many
   * bytes enrichment added to the message's compact JSON, so that the size the sender sent can be
   * told from the one serialisation the queue needs anyway.
   */
  public static long apply(ObjectNode message, Instant receivedAt, Supplier<String> newMessageId) {
    long added = 0;
    JsonNode messageId = message.get("messageId");
    if (messageId == null || !messageId.isTextual() || messageId.textValue().isBlank()) {
      added += set(message, "messageId", newMessageId.get());
    }
    added += set(message, "receivedAt", Timestamps.format(receivedAt));

    Optional<Instant> sentAt = instant(message, "sentAt");
    Optional<Instant> original = instant(message, "originalTimestamp").or(() -> instant(message, "timestamp"));
    Instant timestamp;
    if (sentAt.isPresent() && original.isPresent()) {
      if (!message.hasNonNull("originalTimestamp")) {
        added += set(message, "originalTimestamp", message.get("timestamp").textValue());
      }
      timestamp = receivedAt.minus(Duration.between(original.get(), sentAt.get()));
    } else {
      timestamp = original.orElse(receivedAt);
    }
    added += set(message, "timestamp", Timestamps.format(timestamp));
    return added;
  }

  /** Sets a field to a string that needs no JSON escaping; returns the change in compact size. */
  private static long set(ObjectNode message, String field, String value) {
    JsonNode old = message.get(field);
    message.put(field, value);
    long valueBytes = value.length() + 2;
    // a new field also costs its comma, quoted name and colon; messages here are never empty
    return old == null ? 1 + field.length() + 3 + valueBytes : valueBytes - Json.compactSize(old);
  }

  private static Optional<Instant> instant(JsonNode message, String field) {
    JsonNode value = message.get(field);
    return value != null && value.isTextual() ? Timestamps.parse(value.textValue()) : Optional.empty();
  }
}
