package dev.verodestination.segment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The Segment Spec rules a message must meet before it is queued. Each error names the field and
 * the rule. The message's {@code type} has already been resolved (from the route or the body).
 */
public final class MessageRules {

  /** Segment's per-message limit, measured on the compact JSON. */
  public static final int MAX_MESSAGE_BYTES = 32 * 1024;

  private static final String[] OBJECT_FIELDS = {"context", "integrations", "properties", "traits"};
  private static final String[] STRING_FIELDS = {"messageId", "event", "name", "category", "previousIdType"};
  private static final String[] TIME_FIELDS = {"timestamp", "originalTimestamp", "sentAt"};

  private MessageRules() {}

  public static Optional<String> check(JsonNode message) {
    JsonNode typeNode = message.get("type");
    if (typeNode == null || typeNode.isNull() || (typeNode.isTextual() && typeNode.textValue().isEmpty())) {
      return error("\"type\" is required: one of " + MessageType.NAMES);
    }
    if (!typeNode.isTextual()) {
      return error("\"type\" must be a string: one of " + MessageType.NAMES);
    }
    Optional<MessageType> type = MessageType.fromWireName(typeNode.textValue());
    if (type.isEmpty()) {
      return error("\"type\" must be one of " + MessageType.NAMES + " (got \"" + shorten(typeNode.textValue()) + "\")");
    }
    for (String field : new String[] {"userId", "anonymousId", "previousId", "groupId"}) {
      JsonNode value = message.get(field);
      if (value != null && !value.isNull() && !value.isTextual() && !value.isNumber()) {
        return error("\"" + field + "\" must be a string or number");
      }
      Optional<String> tooLong = Identity.idProblem(message, field);
      if (tooLong.isPresent()) {
        return tooLong;
      }
    }
    for (String field : STRING_FIELDS) {
      JsonNode value = message.get(field);
      if (value != null && !value.isNull() && !value.isTextual()) {
        return error("\"" + field + "\" must be a string");
      }
    }
    for (String field : OBJECT_FIELDS) {
      JsonNode value = message.get(field);
      if (value != null && !value.isNull() && !value.isObject()) {
        return error("\"" + field + "\" must be an object");
      }
    }
    for (String field : TIME_FIELDS) {
      JsonNode value = message.get(field);
      if (value != null && !value.isNull()
          && (!value.isTextual() || Timestamps.parse(value.textValue()).isEmpty())) {
        return error("\"" + field + "\" must be an ISO-8601 date string");
      }
    }
    return switch (type.get()) {
      case ALIAS -> requireAll(message, "alias", "userId", "previousId");
      case TRACK -> requireIdentity(message).or(() -> requireText(message, "track", "event"));
      case GROUP -> requireIdentity(message).or(() -> requireAll(message, "group", "groupId"));
      // whom to forget is the userId alone: an anonymousId names no profile Vero could delete
      case DELETE -> requireAll(message, "delete", "userId");
      default -> requireIdentity(message);
    };
  }

  private static Optional<String> requireIdentity(JsonNode message) {
    if (Identity.idField(message, "userId").isEmpty() && Identity.idField(message, "anonymousId").isEmpty()) {
      return error("message requires \"userId\" or \"anonymousId\"");
    }
    return Optional.empty();
  }

  private static Optional<String> requireAll(JsonNode message, String type, String... fields) {
    for (String field : fields) {
      if (Identity.idField(message, field).isEmpty()) {
        return error(type + " requires \"" + field + "\"");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> requireText(JsonNode message, String type, String field) {
    JsonNode value = message.get(field);
    if (value == null || !value.isTextual() || value.textValue().isBlank()) {
      return error(type + " requires \"" + field + "\"");
    }
    return Optional.empty();
  }

  /** A value quoted back in a reason or a log line, cut to its first 40 characters: its owner knows the rest. */
  public static String shorten(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }

  private static Optional<String> error(String message) {
    return Optional.of(message);
  }
}
