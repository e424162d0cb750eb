package dev.verodestination.segment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Segment ids arrive as strings or numbers; downstream everything wants a non-empty string. */
public final class Identity {

  private Identity() {}

  public static Optional<String> idField(JsonNode message, String field) {
    JsonNode value = message.get(field);
    if (value == null) {
      return Optional.empty();
    }
    if (value.isTextual()) {
      String text = value.textValue();
      return text.isBlank() ? Optional.empty() : Optional.of(text);
    }
    if (value.isIntegralNumber()) {
      return Optional.of(value.asText());
    }
    if (value.isNumber()) {
      return Optional.of(value.decimalValue().stripTrailingZeros().toPlainString());
    }
    return Optional.empty();
  }

  public static Optional<String> userId(JsonNode message) {
    return idField(message, "userId");
  }
}
