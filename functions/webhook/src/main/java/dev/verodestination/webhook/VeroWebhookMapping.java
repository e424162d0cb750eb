package dev.verodestination.webhook;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.crypto.Sha256;
import dev.verodestination.json.Json;
import dev.verodestination.segment.Identity;
import dev.verodestination.segment.Integrations;
import dev.verodestination.segment.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HexFormat;
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

  /** Send this call to Segment. */
  public record Forward(SegmentCall call) implements Result {}

  /** A type that is not forwarded (profile webhooks when ignored, unknown types): answer 200 and move on. */
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

  // the output's field names, encoded once instead of on every write (they showed in JMH's profile)
  private static final SerializedString ANONYMOUS_ID = new SerializedString("anonymousId");
  private static final SerializedString BOUNCE_CODE = new SerializedString("bounce_code");
  private static final SerializedString BOUNCE_MESSAGE = new SerializedString("bounce_message");
  private static final SerializedString BOUNCE_TYPE = new SerializedString("bounce_type");
  private static final SerializedString CAMPAIGN_CHANNEL = new SerializedString("campaign_channel");
  private static final SerializedString CAMPAIGN_GROUP = new SerializedString("campaign_group");
  private static final SerializedString CAMPAIGN_ID = new SerializedString("campaign_id");
  private static final SerializedString CAMPAIGN_LOCALE = new SerializedString("campaign_locale");
  private static final SerializedString CAMPAIGN_NAME = new SerializedString("campaign_name");
  private static final SerializedString CAMPAIGN_PERMALINK = new SerializedString("campaign_permalink");
  private static final SerializedString CAMPAIGN_TAGS = new SerializedString("campaign_tags");
  private static final SerializedString CAMPAIGN_TEMPLATE = new SerializedString("campaign_template");
  private static final SerializedString CAMPAIGN_TRIGGER_EVENT = new SerializedString("campaign_trigger_event");
  private static final SerializedString CAMPAIGN_TYPE = new SerializedString("campaign_type");
  private static final SerializedString CAMPAIGN_VARIATION = new SerializedString("campaign_variation");
  private static final SerializedString CONTEXT = new SerializedString("context");
  private static final SerializedString EMAIL = new SerializedString("email");
  private static final SerializedString EMAIL_ID = new SerializedString("email_id");
  private static final SerializedString EMAIL_SUBJECT = new SerializedString("email_subject");
  private static final SerializedString EVENT = new SerializedString("event");
  private static final SerializedString EVENT_NAME = new SerializedString("event_name");
  private static final SerializedString EVENT_TRIGGERED_AT = new SerializedString("event_triggered_at");
  private static final SerializedString INTEGRATIONS = new SerializedString("integrations");
  private static final SerializedString LINK_URL = new SerializedString("link_url");
  private static final SerializedString MESSAGE_ID = new SerializedString("messageId");
  private static final SerializedString PROPERTIES = new SerializedString("properties");
  private static final SerializedString SENT_TO = new SerializedString("sent_to");
  private static final SerializedString TIMESTAMP = new SerializedString("timestamp");
  private static final SerializedString TRAITS = new SerializedString("traits");
  private static final SerializedString TYPE = new SerializedString("type");
  private static final SerializedString USER_AGENT = new SerializedString("userAgent");
  private static final SerializedString USER_ID = new SerializedString("userId");

  private static final String[] LINK_FIELDS = {"link_url", "url", "link", "clicked_url"};

  private VeroWebhookMapping() {}

  /** With Vero's profile webhooks ignored, as before {@code VERO_PROFILE_WEBHOOKS}. */
  public static Result map(JsonNode payload) {
    return map(payload, ProfileWebhooks.IGNORE);
  }

  /** {@code payload} is a JSON object (the handler refuses anything else). */
  public static Result map(JsonNode payload, ProfileWebhooks profiles) {
    String type = text(payload, "type").map(t -> t.toLowerCase(Locale.ROOT)).orElse("");
    boolean profile = type.equals("user_created") || type.equals("user_updated");
    if (profile && profiles == ProfileWebhooks.IGNORE) {
      return new Acknowledge(type + " is acknowledged and not forwarded (" + ProfileWebhooks.SETTING + " is ignore)");
    }
    String eventName = EVENT_NAMES.get(type);
    if (eventName == null && !profile) {
      return new Acknowledge("unknown Vero webhook type \"" + type + "\" is acknowledged and not forwarded");
    }
    JsonNode user = payload.path("user");
    Optional<String> userId = idText(user.get("id"));
    // only a numeric id that yields no text can be too long: asked only then
    Optional<String> tooLong = userId.isPresent() ? Optional.empty() : Identity.idProblem(user, "id");
    if (tooLong.isPresent()) {
      return new Unforwardable("user." + tooLong.get().substring(1).replaceFirst("\"", ""));
    }
    Optional<String> email = text(user, "email");
    if (userId.isEmpty() && email.isEmpty()) {
      return new Unforwardable("payload has neither user.id nor user.email: Segment needs one to identify the person");
    }
    if (profile) {
      return VeroProfileMapping.map(payload, type, userId, email);
    }

    JsonNode time = payload.get(type + "_at");
    String messageId = messageId(payload, type, time);
    return new Forward(new SegmentCall(write(payload, time, eventName, userId, email, messageId), messageId, eventName));
  }

  private static byte[] write(JsonNode payload, JsonNode time, String eventName, Optional<String> userId,
      Optional<String> email, String messageId) {
    // the factory's recycled buffers, taken and given back as ObjectMapper.writeValueAsBytes does
    BufferRecycler buffers = Json.MAPPER.getFactory()._getBufferRecycler();
    try (ByteArrayBuilder out = new ByteArrayBuilder(buffers)) {
      try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
        writeCall(json, payload, time, eventName, userId, email, messageId);
      }
      byte[] written = out.toByteArray();
      out.release();
      return written;
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    } finally {
      buffers.releaseToPool();
    }
  }

  private static void writeCall(JsonGenerator json, JsonNode payload, JsonNode time, String eventName, Optional<String> userId,
      Optional<String> email, String messageId) throws IOException {
    json.writeStartObject();
    writeField(json, TYPE, "track");
    writeField(json, EVENT, eventName);
    if (userId.isPresent()) {
      writeField(json, USER_ID, userId.get());
    } else {
      writeField(json, ANONYMOUS_ID, email.get());
    }
    writeField(json, MESSAGE_ID, messageId);
    Optional<Instant> at = epochSeconds(time);
    if (at.isPresent()) {
      writeField(json, TIMESTAMP, Timestamps.format(at.get()));
    }
    json.writeFieldName(PROPERTIES);
    writeProperties(json, payload);
    json.writeFieldName(CONTEXT);
    json.writeStartObject();
    if (email.isPresent()) {
      json.writeFieldName(TRAITS);
      json.writeStartObject();
      writeField(json, EMAIL, email.get());
      json.writeEndObject();
    }
    writeText(json, USER_AGENT, text(payload, "user_agent"));
    json.writeEndObject();
    // so that the event, if it reaches this project's ingest through Segment, never goes back to Vero
    json.writeFieldName(INTEGRATIONS);
    json.writeStartObject();
    json.writeFieldName(Integrations.VERO);
    json.writeBoolean(false);
    json.writeEndObject();
    json.writeEndObject();
  }

  /**
   * The same event always gets the same id, so that Segment drops a webhook Vero sends twice: a hash
   * of what tells one email event from another (its type and time, the person, the email, the link,
   * the bounce), not of the payload's formatting.
   */
  static String messageId(JsonNode payload, String type, JsonNode time) {
    StringBuilder identity = new StringBuilder(type);
    for (JsonNode part : new JsonNode[] {time, payload.path("user").get("id"), payload.path("user").get("email"),
        payload.get("message_id"), payload.path("campaign").get("message_id"), payload.path("campaign").get("id"),
        payload.get("link_url"), payload.get("url"), payload.get("bounce_code"), payload.path("event").get("name"),
        payload.path("event").get("triggered_at")}) {
      identity.append('\u001f').append(part == null ? "" : part.asText());
    }
    return "vero-" + HexFormat.of().formatHex(Sha256.digest(identity.toString()), 0, 20);
  }

  private static void writeProperties(JsonGenerator json, JsonNode payload) throws IOException {
    JsonNode campaign = payload.path("campaign");
    json.writeStartObject();
    writeText(json, EMAIL_ID, text(payload, "message_id").or(() -> text(campaign, "message_id")));
    writeText(json, EMAIL_SUBJECT, text(campaign, "subject").or(() -> text(campaign, "email_subject")));
    writeText(json, CAMPAIGN_ID, idText(campaign.get("id")));
    writeText(json, CAMPAIGN_NAME, text(campaign, "name").or(() -> text(campaign, "campaign_title")));
    writeText(json, CAMPAIGN_TYPE, text(campaign, "type"));
    writeText(json, CAMPAIGN_GROUP, text(campaign, "group").or(() -> text(campaign, "series_title")));
    writeText(json, CAMPAIGN_CHANNEL, text(campaign, "channel"));
    writeText(json, CAMPAIGN_VARIATION, text(campaign, "variation").or(() -> text(campaign, "variation_name")));
    writeText(json, CAMPAIGN_TEMPLATE, text(campaign, "template"));
    writeText(json, CAMPAIGN_PERMALINK, text(campaign, "permalink"));
    writeText(json, CAMPAIGN_TRIGGER_EVENT, text(campaign, "trigger-event").or(() -> text(campaign, "trigger_event")));
    writeText(json, CAMPAIGN_LOCALE, text(campaign, "locale"));
    Optional<String> tags = text(campaign, "tags");
    if (tags.isPresent()) {
      json.writeFieldName(CAMPAIGN_TAGS);
      json.writeStartArray();
      String all = tags.get();
      for (int start = 0, end; start <= all.length(); start = end + 1) {
        end = all.indexOf(',', start);
        end = end < 0 ? all.length() : end;
        String tag = all.substring(start, end).trim();
        if (!tag.isEmpty()) {
          json.writeString(tag);
        }
      }
      json.writeEndArray();
    }
    writeText(json, SENT_TO, text(campaign, "sent_to").or(() -> text(payload, "sent_to")));
    for (String field : LINK_FIELDS) {
      Optional<String> link = text(payload, field);
      if (link.isPresent()) {
        writeField(json, LINK_URL, link.get());
        break;
      }
    }
    writeText(json, BOUNCE_TYPE, text(payload, "bounce_type"));
    // a number in some of Vero's payloads and a string in others: always a string here, so that a
    // warehouse column keeps one type
    writeText(json, BOUNCE_CODE, idText(payload.get("bounce_code")));
    writeText(json, BOUNCE_MESSAGE, text(payload, "bounce_message"));
    JsonNode event = payload.path("event");
    writeText(json, EVENT_NAME, text(event, "name"));
    Optional<Instant> triggeredAt = epochSeconds(event.get("triggered_at"));
    if (triggeredAt.isPresent()) {
      writeField(json, EVENT_TRIGGERED_AT, Timestamps.format(triggeredAt.get()));
    }
    json.writeEndObject();
  }

  private static void writeText(JsonGenerator json, SerializedString field, Optional<String> value) throws IOException {
    if (value.isPresent()) {
      writeField(json, field, value.get());
    }
  }

  private static void writeField(JsonGenerator json, SerializedString field, String value) throws IOException {
    json.writeFieldName(field);
    json.writeString(value);
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
