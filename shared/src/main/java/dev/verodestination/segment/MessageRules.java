package dev.verodestination.segment;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
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
  private static final String[] ID_FIELDS = {"userId", "anonymousId", "previousId", "groupId"};

  /** What the rules found in a message. */
  public sealed interface Verdict {}

  /** It meets them; its times as they were read, so that enrichment need not read them again. */
  public record Valid(SpecTimes times) implements Verdict {}

  /** It does not: the first problem, naming the field and the rule. */
  public record Invalid(String error) implements Verdict {}

  private MessageRules() {}

  public static Verdict check(JsonNode message) {
    JsonNode typeNode = message.get("type");
    if (typeNode == null || typeNode.isNull() || (typeNode.isTextual() && typeNode.textValue().isEmpty())) {
      return new Invalid("\"type\" is required: one of " + MessageType.NAMES);
    }
    if (!typeNode.isTextual()) {
      return new Invalid("\"type\" must be a string: one of " + MessageType.NAMES);
    }
    Optional<MessageType> type = MessageType.fromWireName(typeNode.textValue());
    if (type.isEmpty()) {
      return new Invalid("\"type\" must be one of " + MessageType.NAMES + " (got \"" + shorten(typeNode.textValue()) + "\")");
    }
    Optional<String> problem = fieldProblem(message);
    if (problem.isPresent()) {
      return new Invalid(problem.get());
    }
    Instant[] times = new Instant[TIME_FIELDS.length];
    for (int i = 0; i < TIME_FIELDS.length; i++) {
      JsonNode value = message.get(TIME_FIELDS[i]);
      if (value == null || value.isNull()) {
        continue;
      }
      Optional<Instant> time = value.isTextual() ? Timestamps.parse(value.textValue()) : Optional.empty();
      if (time.isEmpty()) {
        return new Invalid("\"" + TIME_FIELDS[i] + "\" must be an ISO-8601 date string");
      }
      times[i] = time.get();
    }
    return requirement(message, type.get()).<Verdict>map(Invalid::new).orElseGet(() -> new Valid(
        new SpecTimes(Optional.ofNullable(times[0]), Optional.ofNullable(times[1]), Optional.ofNullable(times[2]))));
  }

  /** The first id, string or object field of the wrong kind. */
  private static Optional<String> fieldProblem(JsonNode message) {
    for (String field : ID_FIELDS) {
      JsonNode value = message.get(field);
      if (value != null && !value.isNull() && !value.isTextual() && !value.isNumber()) {
        return error("\"" + field + "\" must be a string or number");
      }
      if (value != null && value.isNumber()) {
        Optional<String> tooLong = Identity.idProblem(message, field);
        if (tooLong.isPresent()) {
          return tooLong;
        }
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
    return Optional.empty();
  }

  /** What the message's type requires of it. */
  private static Optional<String> requirement(JsonNode message, MessageType type) {
    return switch (type) {
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
