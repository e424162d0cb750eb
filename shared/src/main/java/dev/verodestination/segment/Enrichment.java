package dev.verodestination.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

  /** Expects a message that passed {@link MessageRules}, so its time fields parse. */
  public static void apply(ObjectNode message, Instant receivedAt, Supplier<String> newMessageId) {
    JsonNode messageId = message.get("messageId");
    if (messageId == null || !messageId.isTextual() || messageId.textValue().isBlank()) {
      message.put("messageId", newMessageId.get());
    }
    message.put("receivedAt", Timestamps.format(receivedAt));

    Optional<Instant> sentAt = instant(message, "sentAt");
    Optional<Instant> original = instant(message, "originalTimestamp").or(() -> instant(message, "timestamp"));
    Instant timestamp;
    if (sentAt.isPresent() && original.isPresent()) {
      if (!message.hasNonNull("originalTimestamp")) {
        message.put("originalTimestamp", message.get("timestamp").textValue());
      }
      timestamp = receivedAt.minus(Duration.between(original.get(), sentAt.get()));
    } else {
      timestamp = original.orElse(receivedAt);
    }
    message.put("timestamp", Timestamps.format(timestamp));
  }

  private static Optional<Instant> instant(JsonNode message, String field) {
    JsonNode value = message.get(field);
    return value != null && value.isTextual() ? Timestamps.parse(value.textValue()) : Optional.empty();
  }
}
