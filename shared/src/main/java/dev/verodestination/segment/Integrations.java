package dev.verodestination.segment;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a message's {@code integrations} object the way Segment routes: a destination is on unless
 * it is turned off by name, or {@code "All": false} turns everything off and it is not turned on by
 * name. An object value (Vero's options, such as tags) counts as on.
 */
public final class Integrations {

  public static final String VERO = "Vero";
  /**
   * The source a message came from, in {@code context.integration.name} as Segment's cloud sources
   * name theirs: the webhook function names Vero's profile changes so, and ingest never sends such a
   * message back to Vero, whatever its {@code integrations} say on the way.
   */
  public static final String FROM_VERO = "vero";

  private Integrations() {}

  /** Made by the webhook function from a Vero profile webhook: to go back to Vero would start a loop. */
  public static boolean cameFromVero(JsonNode message) {
    JsonNode name = message.path("context").path("integration").get("name");
    return name != null && name.isTextual() && name.textValue().equalsIgnoreCase(FROM_VERO);
  }

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
