package dev.verodestination.ingest.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * Segment's consent object ({@code context.consent.categoryPreferences}, category to boolean, as its
 * consent management adds it): a message goes to Vero only when every listed category is {@code true}.
 * A message without the object follows {@code whenMissing}; one whose object is not a map of
 * categories grants nothing.
 */
public record ConsentRule(List<String> categories, WhenMissing whenMissing) {

  public enum WhenMissing { SEND, SKIP }

  static final String MISSING = DestinationRules.NO_CONSENT
      + ": the message has no context.consent.categoryPreferences and consent.whenMissing is skip";

  public Optional<String> skipReason(JsonNode message) {
    JsonNode preferences = message.path("context").path("consent").path("categoryPreferences");
    if (preferences.isMissingNode() || preferences.isNull()) {
      return whenMissing == WhenMissing.SKIP ? Optional.of(MISSING) : Optional.empty();
    }
    for (String category : categories) {
      if (!preferences.path(category).booleanValue()) {
        return Optional.of(DestinationRules.NO_CONSENT + ": consent category \"" + category + "\" is not true in "
            + "context.consent.categoryPreferences");
      }
    }
    return Optional.empty();
  }
}
