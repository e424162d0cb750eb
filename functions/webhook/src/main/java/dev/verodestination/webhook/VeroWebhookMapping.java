package dev.verodestination.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.crypto.Sha256;
import dev.verodestination.json.Json;
import dev.verodestination.segment.Identity;
import dev.verodestination.segment.Integrations;
import dev.verodestination.segment.Timestamps;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a Vero outbound webhook payload to a Segment track call after Segment's Email Spec. Vero's
 * payloads differ between eras and samples (ids as numbers, bounce codes as numbers or strings,
 * two campaign shapes, stray leading spaces), and all of them are read here.
 */
public final class VeroWebhookMapping {

  public sealed interface Result {}

  /** Send this track message to Segment. */
  public record Forward(ObjectNode message) implements Result {}

  /** A type that is not forwarded (user_created, user_updated, unknown): answer 200 and move on. */
  public record Acknowledge(String reason) implements Result {}

  /** A payload Segment could not take (no way to identify the person): park it with this reason. */
  public record Unforwardable(String reason) implements Result {}

  public static final Map<String, String> EVENT_NAMES = Map.ofEntries(
      Map.entry("sent", "Email Sent"),
      Map.entry("delivered", "Email Delivered"),
      Map.entry("opened", "Email Opened"),
      Map.entry("clicked", "Email Link Clicked"),
      Map.entry("bounced", "Email Bounced"),
      Map.entry("complained", "Email Marked as Spam"),
      Map.entry("unsubscribed", "Email Unsubscribed"),
      Map.entry("resubscribed", "Email Resubscribed"),
      Map.entry("converted", "Email Converted"),
      Map.entry("failed", "Email Failed"));

  private static final String[] LINK_FIELDS = {"link_url", "url", "link", "clicked_url"};

  private VeroWebhookMapping() {}

  /** {@code payload} is a JSON object (the handler refuses anything else). */
  public static Result map(JsonNode payload) {
    String type = text(payload, "type").map(t -> t.toLowerCase(Locale.ROOT)).orElse("");
    if (type.equals("user_created") || type.equals("user_updated")) {
      return new Acknowledge(type + " is acknowledged and not forwarded");
    }
    String eventName = EVENT_NAMES.get(type);
    if (eventName == null) {
      return new Acknowledge("unknown Vero webhook type \"" + type + "\" is acknowledged and not forwarded");
    }
    JsonNode user = payload.path("user");
    Optional<String> tooLong = Identity.idProblem(user, "id");
    if (tooLong.isPresent()) {
      return new Unforwardable("user." + tooLong.get().substring(1).replaceFirst("\"", ""));
    }
    Optional<String> userId = idText(user.get("id"));
    Optional<String> email = text(user, "email");
    if (userId.isEmpty() && email.isEmpty()) {
      return new Unforwardable("payload has neither user.id nor user.email: Segment needs one to identify the person");
    }

    ObjectNode message = Json.object();
    message.put("type", "track");
    message.put("event", eventName);
    userId.ifPresentOrElse(id -> message.put("userId", id), () -> message.put("anonymousId", email.get()));
    message.put("messageId", messageId(payload, type));
    epochSeconds(payload.get(type + "_at")).ifPresent(at -> message.put("timestamp", Timestamps.format(at)));
    message.set("properties", properties(payload));

    ObjectNode context = message.putObject("context");
    email.ifPresent(e -> context.putObject("traits").put("email", e));
    text(payload, "user_agent").ifPresent(ua -> context.put("userAgent", ua));
    // so that the event, if it reaches this project's ingest through Segment, never goes back to Vero
    message.putObject("integrations").put(Integrations.VERO, false);
    return new Forward(message);
  }

  /**
   * The same event always gets the same id, so that Segment drops a webhook Vero sends twice: a hash
   * of what tells one email event from another (its type and time, the person, the email, the link,
   * the bounce), not of the payload's formatting.
   */
  static String messageId(JsonNode payload, String type) {
    StringBuilder identity = new StringBuilder(type);
    for (JsonNode part : new JsonNode[] {payload.get(type + "_at"), payload.path("user").get("id"), payload.path("user").get("email"),
        payload.get("message_id"), payload.path("campaign").get("message_id"), payload.path("campaign").get("id"),
        payload.get("link_url"), payload.get("url"), payload.get("bounce_code"), payload.path("event").get("name"),
        payload.path("event").get("triggered_at")}) {
      identity.append('\u001f').append(part == null ? "" : part.asText());
    }
    return "vero-" + Sha256.hex(identity.toString()).substring(0, 40);
  }

  private static ObjectNode properties(JsonNode payload) {
    JsonNode campaign = payload.path("campaign");
    ObjectNode properties = Json.object();
    put(properties, "email_id", text(payload, "message_id").or(() -> text(campaign, "message_id")));
    put(properties, "email_subject", text(campaign, "subject").or(() -> text(campaign, "email_subject")));
    put(properties, "campaign_id", idText(campaign.get("id")));
    put(properties, "campaign_name", text(campaign, "name").or(() -> text(campaign, "campaign_title")));
    put(properties, "campaign_type", text(campaign, "type"));
    put(properties, "campaign_group", text(campaign, "group").or(() -> text(campaign, "series_title")));
    put(properties, "campaign_channel", text(campaign, "channel"));
    put(properties, "campaign_variation", text(campaign, "variation").or(() -> text(campaign, "variation_name")));
    put(properties, "campaign_template", text(campaign, "template"));
    put(properties, "campaign_permalink", text(campaign, "permalink"));
    put(properties, "campaign_trigger_event", text(campaign, "trigger-event").or(() -> text(campaign, "trigger_event")));
    put(properties, "campaign_locale", text(campaign, "locale"));
    text(campaign, "tags").ifPresent(tags -> {
      ArrayNode list = properties.putArray("campaign_tags");
      for (String tag : tags.split(",")) {
        if (!tag.isBlank()) {
          list.add(tag.trim());
        }
      }
    });
    put(properties, "sent_to", text(campaign, "sent_to").or(() -> text(payload, "sent_to")));
    for (String field : LINK_FIELDS) {
      Optional<String> link = text(payload, field);
      if (link.isPresent()) {
        properties.put("link_url", link.get());
        break;
      }
    }
    put(properties, "bounce_type", text(payload, "bounce_type"));
    // a number in some of Vero's payloads and a string in others: always a string here, so that a
    // warehouse column keeps one type
    put(properties, "bounce_code", idText(payload.get("bounce_code")));
    put(properties, "bounce_message", text(payload, "bounce_message"));
    JsonNode event = payload.path("event");
    put(properties, "event_name", text(event, "name"));
    epochSeconds(event.get("triggered_at")).ifPresent(at -> properties.put("event_triggered_at", Timestamps.format(at)));
    return properties;
  }

  private static void put(ObjectNode node, String field, Optional<String> value) {
    value.ifPresent(v -> node.put(field, v));
  }

  /** A trimmed, non-blank string value. */
  static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    if (value == null || !value.isTextual()) {
      return Optional.empty();
    }
    String trimmed = value.textValue().trim();
    return trimmed.isEmpty() ? Optional.empty() : Optional.of(trimmed);
  }

  /** Vero sends ids and codes as numbers or strings; Segment wants strings, trimmed, and never a number too long to write. */
  static Optional<String> idText(JsonNode value) {
    return Identity.idText(value).map(String::trim).filter(text -> !text.isEmpty());
  }

  /** Years 1 to 9999: what ISO-8601 and Segment take; anything else is not a time. */
  private static final long MIN_EPOCH_SECOND = -62_135_596_800L;
  private static final long MAX_EPOCH_SECOND = 253_402_300_799L;

  private static Optional<Instant> epochSeconds(JsonNode value) {
    if (value == null) {
      return Optional.empty();
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return epochSeconds(value.longValue());
    }
    if (value.isTextual()) {
      try {
        return epochSeconds(Long.parseLong(value.textValue().trim()));
      } catch (NumberFormatException e) {
        return Timestamps.parse(value.textValue());
      }
    }
    return Optional.empty();
  }

  private static Optional<Instant> epochSeconds(long seconds) {
    return seconds < MIN_EPOCH_SECOND || seconds > MAX_EPOCH_SECOND ? Optional.empty() : Optional.of(Instant.ofEpochSecond(seconds));
  }
}
