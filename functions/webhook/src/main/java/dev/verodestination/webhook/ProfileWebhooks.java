package dev.verodestination.webhook;

import dev.verodestination.config.Settings;

/**
 * Whether Vero's profile webhooks ({@code user_created}, {@code user_updated}) go to Segment as identify
 * calls ({@code VERO_PROFILE_WEBHOOKS}). Off unless asked for: Vero also reports the changes this
 * deployment makes, so each identify Segment sends to Vero would come back as one more call on the
 * Segment source.
 */
public enum ProfileWebhooks {
  FORWARD, IGNORE;

  public static final String SETTING = "VERO_PROFILE_WEBHOOKS";

  public static ProfileWebhooks from(Settings settings) {
    return settings.choice(SETTING, "ignore", "forward", "ignore").equals("forward") ? FORWARD : IGNORE;
  }
}
