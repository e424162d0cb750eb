package dev.verodestination.deliver.vero;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.json.Json;
import dev.verodestination.segment.AnonymousUsers;
import dev.verodestination.segment.Identity;
import dev.verodestination.segment.MessageType;
import dev.verodestination.segment.Timestamps;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Maps an enriched Segment message to the Vero API v2 calls that Segment's own Vero integration
 * makes, in order: the main call, then a tags edit when {@code integrations.Vero.tags} asks for one.
 * The bodies carry no credentials: {@link VeroClient} adds the account's as it sends.
 */
public final class VeroMapping {

  /** The outcome: the requests to send, or why there are none (a permanent failure). */
  public sealed interface Result {}

  public record Requests(List<VeroRequest> requests) implements Result {}

  public record Unmappable(String reason) implements Result {}

  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  private VeroMapping() {}

  /** Known users only, as Segment's integration maps them. */
  public static Result map(JsonNode message) {
    return map(message, AnonymousUsers.SKIP);
  }

  /** With {@link AnonymousUsers#TRACK}, a message without a userId is the anonymousId's profile. */
  public static Result map(JsonNode message, AnonymousUsers anonymousUsers) {
    Optional<MessageType> type = MessageType.fromWireName(message.path("type").asText());
    if (type.isEmpty()) {
      return new Unmappable("\"type\" must be one of " + MessageType.NAMES);
    }
    if (type.get() == MessageType.DELETE && Identity.idField(message, "userId").isEmpty()) {
      return new Unmappable("delete requires \"userId\"");
    }
    Optional<String> userId = anonymousUsers.personId(message);
    if (userId.isEmpty()) {
      return new Unmappable("message has no userId: Vero identifies people by userId");
    }
    Optional<VeroRequest> tags = Optional.empty();
    // irreversible in Vero: nothing is tagged on a profile about to go, and no tags option stops a deletion
    if (type.get() != MessageType.DELETE) {
      try {
        tags = VeroTags.request(message, userId.get());
      } catch (VeroTags.InvalidTagsException e) {
        return new Unmappable(e.getMessage());
      }
    }
    if (type.get() == MessageType.TRACK && command(message.path("event").asText()).isPresent()) {
      Optional<String> badId = Identity.idProblem(message.path("properties"), "id");
      if (badId.isPresent()) {
        return new Unmappable(badId.get().replace("\"id\"", "\"properties.id\""));
      }
    }
    Optional<String> previousId = Identity.idField(message, "previousId");
    if (type.get() == MessageType.ALIAS && previousId.isEmpty()) {
      return new Unmappable("alias requires \"previousId\"");
    }
    VeroRequest main = switch (type.get()) {
      case IDENTIFY -> identify(message, userId.get());
      case TRACK -> track(message, userId.get());
      case PAGE -> event(message, userId.get(), "viewed_page", pageData(message));
      case SCREEN -> event(message, userId.get(), screenEventName(message), withUserAgent(message, copyOf(message.get("properties"))));
      case GROUP -> group(message, userId.get());
      case ALIAS -> new VeroRequest("PUT", "/users/reidentify", Json.object().put("id", previousId.get()).put("new_id", userId.get()));
      case DELETE -> new VeroRequest("POST", "/users/delete", Json.object().put("id", userId.get()));
    };
    List<VeroRequest> requests = new ArrayList<>(2);
    requests.add(main);
    tags.ifPresent(requests::add);
    return new Requests(List.copyOf(requests));
  }

  private static VeroRequest identify(JsonNode message, String userId) {
    JsonNode traits = message.get("traits");
    JsonNode context = message.path("context");
    ObjectNode data = withUserAgent(message, copyOf(traits));
    data.put("id", userId);
    VeroProfile.addLocale(context, data);
    ObjectNode body = Json.object();
    body.put("id", userId);
    Optional<String> email = text(traits, "email").or(() -> Optional.of(userId).filter(id -> EMAIL.matcher(id).matches()));
    email.ifPresent(e -> body.put("email", e));
    VeroProfile.phoneNumber(traits).ifPresent(phone -> body.put("phone_number", phone));
    VeroProfile.channels(context).ifPresent(channels -> body.set("channels", channels));
    body.set("data", data);
    return new VeroRequest("POST", "/users/track", body);
  }

  private static VeroRequest track(JsonNode message, String userId) {
    String event = message.path("event").asText();
    Optional<String> command = command(event);
    if (command.isPresent()) {
      ObjectNode body = Json.object();
      body.put("id", Identity.idField(message.path("properties"), "id").orElse(userId));
      body.set("extras", extras(message));
      return new VeroRequest("POST", "/users/" + command.get(), body);
    }
    return event(message, userId, event, withUserAgent(message, copyOf(message.get("properties"))));
  }

  /**
   * Only these exact names are commands. "Email Unsubscribed", Vero's own report coming back through
   * Segment, is an ordinary event: treating it as a command would unsubscribe people twice over.
   */
  static Optional<String> command(String event) {
    return switch (event.trim().toLowerCase(Locale.ROOT)) {
      case "unsubscribe", "unsubscribed" -> Optional.of("unsubscribe");
      case "resubscribe", "resubscribed" -> Optional.of("resubscribe");
      default -> Optional.empty();
    };
  }

  private static VeroRequest event(JsonNode message, String userId, String name, ObjectNode data) {
    ObjectNode identity = Json.object();
    identity.put("id", userId);
    text(message.path("context").get("traits"), "email").ifPresent(e -> identity.put("email", e));
    ObjectNode body = Json.object();
    body.set("identity", identity);
    body.put("event_name", name);
    body.set("data", data);
    body.set("extras", extras(message));
    return new VeroRequest("POST", "/events/track", body);
  }

  private static ObjectNode pageData(JsonNode message) {
    ObjectNode data = copyOf(message.get("properties"));
    if (!data.hasNonNull("url")) {
      text(message.path("context").get("page"), "url").ifPresent(url -> data.put("url", url));
    }
    return withUserAgent(message, data);
  }

  private static String screenEventName(JsonNode message) {
    return text(message, "name").map(name -> "Viewed " + name + " Screen").orElse("Viewed Screen");
  }

  private static VeroRequest group(JsonNode message, String userId) {
    JsonNode traits = message.get("traits");
    ObjectNode group = copyOf(traits);
    group.remove("email");
    Identity.idField(message, "groupId").ifPresent(id -> group.put("id", id));
    ObjectNode changes = Json.object();
    changes.set("group", group);
    ObjectNode body = Json.object();
    body.put("id", userId);
    text(traits, "email").ifPresent(e -> body.put("email", e));
    body.set("changes", changes);
    return new VeroRequest("PUT", "/users/edit", body);
  }

  private static ObjectNode extras(JsonNode message) {
    ObjectNode extras = Json.object();
    extras.put("source", "segment");
    text(message, "timestamp").flatMap(Timestamps::parse).ifPresent(t -> extras.put("created_at", t.getEpochSecond()));
    return extras;
  }

  private static ObjectNode withUserAgent(JsonNode message, ObjectNode data) {
    text(message.path("context"), "userAgent").ifPresent(ua -> data.put("userAgent", ua));
    return data;
  }

  private static ObjectNode copyOf(JsonNode object) {
    return object != null && object.isObject() ? ((ObjectNode) object).deepCopy() : Json.object();
  }

  static Optional<String> text(JsonNode node, String field) {
    if (node == null) {
      return Optional.empty();
    }
    JsonNode value = node.get(field);
    return value != null && value.isTextual() && !value.textValue().isBlank() ? Optional.of(value.textValue()) : Optional.empty();
  }
}
