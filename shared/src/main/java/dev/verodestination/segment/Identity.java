package dev.verodestination.segment;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Segment ids arrive as strings or numbers; downstream everything wants a non-empty string. A number
 * is only ever written out as digits when they fit an id: {@code 1e999999999} is eleven characters in
 * JSON and a billion digits as text.
 */
public final class Identity {

  /** Vero takes ids of under 255 characters; nothing longer is an id here either. */
  public static final int MAX_ID_CHARS = 255;

  private Identity() {}

  /** The id as text; empty when absent, blank, not a string or number, or a number too long to write out. */
  public static Optional<String> idField(JsonNode message, String field) {
    return idText(message.get(field));
  }

  public static Optional<String> idText(JsonNode value) {
    if (value == null) {
      return Optional.empty();
    }
    if (value.isTextual()) {
      String text = value.textValue();
      return text.isBlank() ? Optional.empty() : Optional.of(text);
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      // the usual numeric id: twenty characters at most, written without a BigDecimal
      return Optional.of(Long.toString(value.longValue()));
    }
    if (value.isNumber()) {
      BigDecimal number = value.decimalValue().stripTrailingZeros();
      return plainLength(number) > MAX_ID_CHARS ? Optional.empty() : Optional.of(number.toPlainString());
    }
    return Optional.empty();
  }

  /** Why a field holds no usable id though it holds a number, or empty. */
  public static Optional<String> idProblem(JsonNode message, String field) {
    JsonNode value = message.get(field);
    if (value != null && value.isNumber() && idText(value).isEmpty()) {
      return Optional.of("\"" + field + "\" is a number whose digits would be longer than an id can be ("
          + MAX_ID_CHARS + " characters)");
    }
    return Optional.empty();
  }

  public static Optional<String> userId(JsonNode message) {
    return idField(message, "userId");
  }

  /** The length of {@code toPlainString()}, worked out from precision and scale without building it. */
  static long plainLength(BigDecimal number) {
    long precision = number.precision();
    long scale = number.scale();
    long sign = number.signum() < 0 ? 1 : 0;
    if (scale <= 0) {
      return sign + precision - scale;
    }
    return sign + (scale < precision ? precision + 1 : scale + 2);
  }
}
