package dev.verodestination.deliver;

import dev.verodestination.config.Settings;

/**
 * Which Vero calls get a line of their own ({@code VERO_CALL_LINES}). Every message's fate is
 * logged either way (a delivered one named on its batch's {@code batch done} line, the others on
 * {@code dead-lettered}, {@code retrying later}... lines); a line per call that went well costs
 * about 370 bytes of CloudWatch Logs ingestion per call (docs/cost.md), so template.yaml writes only
 * the calls that failed. Unset, as in the runner, every call is written, which its debugger page shows.
 */
public enum VeroCallLines {
  ALL, FAILURES;

  public static final String SETTING = "VERO_CALL_LINES";

  public static VeroCallLines from(Settings settings) {
    return settings.choice(SETTING, "all", "all", "failures").equals("all") ? ALL : FAILURES;
  }
}
