package dev.verodestination.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.json.Json;
import dev.verodestination.segment.SpecTimes;
import dev.verodestination.segment.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Fills in what Segment's own API fills in: a messageId, receivedAt, and a timestamp corrected for
 * the sender's clock skew ({@code receivedAt - (sentAt - originalTimestamp)}). One per request: its
 * messages share their receivedAt.
 */
final class Enrichment {

  private final Instant receivedAt;
  private final String receivedAtText;
  private final Supplier<String> newMessageId;

  Enrichment(Instant receivedAt, Supplier<String> newMessageId) {
    this.receivedAt = receivedAt;
    this.receivedAtText = Timestamps.format(receivedAt);
    this.newMessageId = newMessageId;
  }

  /**
   * Expects a message that passed {@link dev.verodestination.segment.MessageRules}, with the times it
   * read there; a time field the destination rules dropped since then counts as absent. Returns how
   * many bytes enrichment added to the message's compact JSON, so that the size the sender sent can
   * be told from the one serialisation the queue needs anyway.
   */
  long apply(ObjectNode message, SpecTimes times) {
    long added = 0;
    JsonNode messageId = message.get("messageId");
    if (messageId == null || !messageId.isTextual() || messageId.textValue().isBlank()) {
      added += set(message, "messageId", newMessageId.get());
    }
    added += set(message, "receivedAt", receivedAtText);

    Optional<Instant> sentAt = kept(message, "sentAt", times.sentAt());
    Optional<Instant> original = kept(message, "originalTimestamp", times.originalTimestamp())
        .or(() -> kept(message, "timestamp", times.timestamp()));
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
    JsonNode old = message.replace(field, message.textNode(value));
    long valueBytes = value.length() + 2;
    // a new field also costs its comma, quoted name and colon; messages here are never empty
    return old == null ? 1 + field.length() + 3 + valueBytes : valueBytes - Json.compactSize(old);
  }

  private static Optional<Instant> kept(JsonNode message, String field, Optional<Instant> read) {
    return message.has(field) ? read : Optional.empty();
  }
}
