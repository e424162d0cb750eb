package dev.verodestination.segment;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a message's {@code integrations} object the way Segment routes: a destination is on unless
 * it is turned off by name, or {@code "All": false} turns everything off and it is not turned on by
 * name. An object value (Vero's options, such as tags) counts as on.
 */
public final class Integrations {

  public static final String VERO = "Vero";

  private Integrations() {}

  public static boolean veroEnabled(JsonNode message) {
    JsonNode integrations = message.get("integrations");
    if (integrations == null || !integrations.isObject()) {
      return true;
    }
    JsonNode vero = integrations.get(VERO);
    if (vero != null && !vero.isNull()) {
      return !(vero.isBoolean() && !vero.booleanValue());
    }
    JsonNode all = integrations.get("All");
    return all == null || !all.isBoolean() || all.booleanValue();
  }
}
