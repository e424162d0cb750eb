package dev.verodestination.ingest.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.json.JsonErrors;
import java.util.List;
import java.util.Optional;

/**
 * Segment's consent object ({@code context.consent.categoryPreferences}, category to boolean, as its
 * consent management adds it): a message goes to Vero only when every listed category is {@code true}.
 * A message without the object (no such member on the way) follows {@code whenMissing}. One rule for
 * every malformed shape: a member on the way that is there but not an object ({@code null}, a string,
 * a number, a list) is consent that cannot be read, and grants nothing, whatever {@code whenMissing}
 * says; so does a listed category that is anything but JSON {@code true}.
 */
public record ConsentRule(List<String> categories, WhenMissing whenMissing) {

  public enum WhenMissing { SEND, SKIP }

  static final SkipReason MISSING = SkipReason.byRule(SkipReason.Kind.NO_CONSENT,
      "the message has no context.consent.categoryPreferences and consent.whenMissing is skip");

  private static final List<String> PATH = List.of("context", "consent", "categoryPreferences");

  public Optional<SkipReason> skipReason(JsonNode message) {
    JsonNode preferences = message;
    for (int i = 0; i < PATH.size(); i++) {
      preferences = preferences.get(PATH.get(i));
      if (preferences == null) {
        return whenMissing == WhenMissing.SKIP ? Optional.of(MISSING) : Optional.empty();
      }
      if (!preferences.isObject()) {
        return Optional.of(SkipReason.byRule(SkipReason.Kind.NO_CONSENT, String.join(".", PATH.subList(0, i + 1)) + " is "
            + JsonErrors.kind(preferences) + ", not an object: consent that cannot be read grants nothing"));
      }
    }
    for (String category : categories) {
      if (!preferences.path(category).booleanValue()) {
        return Optional.of(SkipReason.byRule(SkipReason.Kind.NO_CONSENT, "consent category \"" + category + "\" is not true in "
            + "context.consent.categoryPreferences"));
      }
    }
    return Optional.empty();
  }
}
