package dev.verodestination.deliver.vero;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.json.Json;
import dev.verodestination.rules.PersonIdentity;
import dev.verodestination.segment.Identity;
import dev.verodestination.segment.MessageType;
import dev.verodestination.segment.Timestamps;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Maps an enriched Segment message to Vero API v2 calls, in order: the main call Segment's own Vero
 * integration makes, an event per product of an order ({@code products}), the audience's tags edit
 * ({@code audiences}), then the tags edit {@code integrations.Vero.tags} asks for. The bodies carry
 * no credentials: {@link VeroClient} adds the account's as it sends.
 */
public final class VeroMapping {

  /** The outcome: the requests to send, or why there are none (a permanent failure). */
  public sealed interface Result {}

  public record Requests(List<VeroRequest> requests) implements Result {}

  public record Unmappable(String reason) implements Result {}

  /** Known users only, as Segment's integration maps them. */
  public static Result map(JsonNode message) {
    return map(message, MappingRules.SEGMENT);
  }

  /** As the team's rules shape it: who the person is, audiences as tags, products as events, repeats kept. */
  public static Result map(JsonNode message, MappingRules rules) {
    Optional<MessageType> type = MessageType.fromWireName(message.path("type").asText());
    if (type.isEmpty()) {
      return new Unmappable("\"type\" must be one of " + MessageType.NAMES);
    }
    PersonIdentity identity = rules.identity();
    // a deletion names its person by id only: never by an email or an anonymousId
    Optional<String> userId = type.get() == MessageType.DELETE ? identity.ownId(message) : identity.personId(message, type.get());
    if (userId.isEmpty()) {
      return new Unmappable(noPersonReason(type.get(), identity));
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
    Optional<String> command = type.get() == MessageType.TRACK ? command(message.path("event").asText()) : Optional.empty();
    if (command.isPresent()) {
      Optional<String> badId = Identity.idProblem(message.path("properties"), "id");
      if (badId.isPresent()) {
        return new Unmappable(badId.get().replace("\"id\"", "\"properties.id\""));
      }
    }
    Optional<String> previousId = Identity.idField(message, "previousId");
    if (type.get() == MessageType.ALIAS && previousId.isEmpty()) {
      return new Unmappable("alias requires \"previousId\"");
    }
    Optional<String> audience = rules.audiences().isPresent() ? AudienceTags.audienceKey(message, type.get()) : Optional.empty();
    VeroMapping mapping = new VeroMapping(message, rules, userId.get());
    List<VeroRequest> requests = new ArrayList<>(2);
    requests.add(switch (type.get()) {
      case IDENTIFY -> mapping.identify(audience);
      case TRACK -> mapping.track(command);
      case PAGE -> mapping.event("viewed_page", mapping.pageData(), type.get());
      case SCREEN -> mapping.event(screenEventName(message), mapping.withUserAgent(copyOf(message.get("properties"))), type.get());
      case GROUP -> mapping.group();
      case ALIAS -> new VeroRequest("PUT", "/users/reidentify", Json.object().put("id", identity.asMade(previousId.get()))
          .put("new_id", userId.get()));
      case DELETE -> new VeroRequest("POST", "/users/delete", Json.object().put("id", userId.get()));
    });
    if (type.get() == MessageType.TRACK && command.isEmpty() && rules.products().isPresent()
        && rules.products().get().isOrder(message.path("event").asText())) {
      for (ObjectNode product : rules.products().get().productData(message.get("properties"))) {
        requests.add(mapping.event(rules.products().get().as(), product, type.get()));
      }
    }
    audience.ifPresent(key -> requests.add(rules.audiences().get().request(message, key, userId.get())));
    tags.ifPresent(requests::add);
    return new Requests(List.copyOf(requests));
  }

  private static String noPersonReason(MessageType type, PersonIdentity identity) {
    if (type == MessageType.DELETE) {
      return identity.isSegments() ? "delete requires \"userId\"" : "delete requires an id at identity.id " + identity.id();
    }
    return identity.isSegments() ? "message has no userId: Vero identifies people by userId" : identity.noPersonReason();
  }

  private final JsonNode message;
  private final MappingRules rules;
  private final String userId;
  private ObjectNode eventIdentity;
  private ObjectNode eventExtras;

  private VeroMapping(JsonNode message, MappingRules rules, String userId) {
    this.message = message;
    this.rules = rules;
    this.userId = userId;
  }

  /** The membership trait of an audience made a tag is not also an attribute. */
  private VeroRequest identify(Optional<String> audience) {
    JsonNode traits = message.get("traits");
    JsonNode context = message.path("context");
    ObjectNode data = withUserAgent(copyOf(traits));
    audience.ifPresent(data::remove);
    data.put("id", userId);
    VeroProfile.addLocale(context, data);
    ObjectNode body = Json.object();
    body.put("id", userId);
    Optional<String> email = rules.identity().email(message, MessageType.IDENTIFY)
        .or(() -> Optional.of(userId).filter(PersonIdentity::looksLikeEmail));
    email.ifPresent(e -> body.put("email", e));
    VeroProfile.phoneNumber(traits).ifPresent(phone -> body.put("phone_number", phone));
    VeroProfile.channels(context).ifPresent(channels -> body.set("channels", channels));
    body.set("data", data);
    return new VeroRequest("POST", "/users/track", body);
  }

  private VeroRequest track(Optional<String> command) {
    String event = message.path("event").asText();
    if (command.isPresent()) {
      ObjectNode body = Json.object();
      body.put("id", Identity.idField(message.path("properties"), "id").orElse(userId));
      body.set("extras", extras(message));
      return new VeroRequest("POST", "/users/" + command.get(), body);
    }
    return event(event, withUserAgent(copyOf(message.get("properties"))), MessageType.TRACK);
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

  /** An order's product events share the order's identity and extras: the same nodes, written once each. */
  private VeroRequest event(String name, ObjectNode data, MessageType type) {
    if (rules.keepRepeats() && !data.has(MappingRules.MESSAGE_ID)) {
      text(message, "messageId").ifPresent(id -> data.put(MappingRules.MESSAGE_ID, id));
    }
    if (eventIdentity == null) {
      eventIdentity = Json.object();
      eventIdentity.put("id", userId);
      rules.identity().email(message, type).ifPresent(e -> eventIdentity.put("email", e));
      eventExtras = extras(message);
    }
    ObjectNode body = Json.object();
    body.set("identity", eventIdentity);
    body.put("event_name", name);
    body.set("data", data);
    body.set("extras", eventExtras);
    return new VeroRequest("POST", "/events/track", body);
  }

  private ObjectNode pageData() {
    ObjectNode data = copyOf(message.get("properties"));
    if (!data.hasNonNull("url")) {
      text(message.path("context").get("page"), "url").ifPresent(url -> data.put("url", url));
    }
    return withUserAgent(data);
  }

  private static String screenEventName(JsonNode message) {
    return text(message, "name").map(name -> "Viewed " + name + " Screen").orElse("Viewed Screen");
  }

  private VeroRequest group() {
    JsonNode traits = message.get("traits");
    ObjectNode group = copyOf(traits);
    group.remove("email");
    Identity.idField(message, "groupId").ifPresent(id -> group.put("id", id));
    ObjectNode changes = Json.object();
    changes.set("group", group);
    ObjectNode body = Json.object();
    body.put("id", userId);
    // Segment's mapping sends the group's own email here; the team's email paths name the person's
    (rules.identity().email().isPresent() ? rules.identity().email(message, MessageType.GROUP) : text(traits, "email"))
        .ifPresent(e -> body.put("email", e));
    body.set("changes", changes);
    return new VeroRequest("PUT", "/users/edit", body);
  }

  private static ObjectNode extras(JsonNode message) {
    ObjectNode extras = Json.object();
    extras.put("source", "segment");
    text(message, "timestamp").flatMap(Timestamps::parse).ifPresent(t -> extras.put("created_at", t.getEpochSecond()));
    return extras;
  }

  private ObjectNode withUserAgent(ObjectNode data) {
    text(message.path("context"), "userAgent").ifPresent(ua -> data.put("userAgent", ua));
    return data;
  }

  /**
   * A new object of the same members: the mapping changes a body's data at its top level only, and
   * nothing changes a body once mapped, so the members' values are shared, not copied.
   */
  static ObjectNode copyOf(JsonNode object) {
    return object instanceof ObjectNode members ? Json.object().setAll(members) : Json.object();
  }

  static Optional<String> text(JsonNode node, String field) {
    if (node == null) {
      return Optional.empty();
    }
    JsonNode value = node.get(field);
    return value != null && value.isTextual() && !value.textValue().isBlank() ? Optional.of(value.textValue()) : Optional.empty();
  }
}
