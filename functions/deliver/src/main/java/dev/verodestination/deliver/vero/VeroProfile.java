package dev.verodestination.deliver.vero;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.json.Json;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The parts of a Vero user profile that Segment's own integration does not send and Vero's Track API
 * takes: a phone number Vero can text, a push channel for the device the message came from, and the
 * reserved {@code timezone} and {@code language} data keys Vero schedules and localises by. Each is
 * added only when the message carries it, so a message without them maps as Segment's integration
 * maps it.
 */
final class VeroProfile {

  /** E.164, the form Vero's SMS channel dials; anything else stays in {@code data.phone} only. */
  private static final Pattern INTERNATIONAL = Pattern.compile("\\+[1-9][0-9]{7,14}");
  private static final Pattern PUNCTUATION = Pattern.compile("[\\s().\\-]");

  private VeroProfile() {}

  static Optional<String> phoneNumber(JsonNode traits) {
    Optional<String> phone = VeroMapping.text(traits, "phone").map(p -> PUNCTUATION.matcher(p).replaceAll(""));
    return phone.filter(p -> INTERNATIONAL.matcher(p).matches());
  }

  /** One push channel, when the message names the device's token and an iOS or Android system. */
  static Optional<ArrayNode> channels(JsonNode context) {
    Optional<String> token = VeroMapping.text(context.path("device"), "token");
    Optional<String> platform = VeroMapping.text(context.path("os"), "name").flatMap(VeroProfile::platform);
    if (token.isEmpty() || platform.isEmpty()) {
      return Optional.empty();
    }
    ArrayNode channels = Json.MAPPER.createArrayNode();
    ObjectNode channel = channels.addObject();
    channel.put("type", "push");
    channel.put("address", token.get());
    channel.put("platform", platform.get());
    VeroMapping.text(context.path("device"), "name").ifPresent(name -> channel.put("device", name));
    return Optional.of(channels);
  }

  private static Optional<String> platform(String osName) {
    String name = osName.toLowerCase(Locale.ROOT);
    if (name.contains("android")) {
      return Optional.of("android");
    }
    if (name.equals("ios") || name.equals("ipados") || name.startsWith("iphone")) {
      return Optional.of("ios");
    }
    return Optional.empty();
  }

  /** The device's timezone and locale as Vero's reserved keys, unless the traits set them already. */
  static void addLocale(JsonNode context, ObjectNode data) {
    VeroMapping.text(context, "timezone").filter(t -> !data.has("timezone")).ifPresent(t -> data.put("timezone", t));
    VeroMapping.text(context, "locale").ifPresent(locale -> {
      if (!data.has("language")) {
        data.put("language", locale);
      }
      if (!data.has("locale")) {
        data.put("locale", locale);
      }
    });
  }
}
