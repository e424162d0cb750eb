package dev.verodestination.ingest.rules;

/**
 * Why a valid message is not for Vero: its kind, which metrics, log queries and the debugger read,
 * and the sentence the caller and the log line read.
 */
public record SkipReason(Kind kind, String text) {

  public enum Kind {
    /** An events rule left it out. */
    FILTERED("filtered"),
    /** The consent rule left it out. */
    NO_CONSENT("no-consent"),
    /** It is about no one Vero knows: no userId, or none of the identity rule's paths. */
    ANONYMOUS("anonymous"),
    /** Its {@code integrations} turn Vero off. */
    INTEGRATIONS_OFF("integrations-off"),
    /** A profile change Vero sent, come back. */
    FROM_VERO("from-vero"),
    /** An alias of a user to themselves. */
    ALIAS_TO_SELF("alias-to-self");

    /** The metric's {@code Reason} and the log line's {@code kind}. */
    public final String word;

    Kind(String word) {
      this.word = word;
    }
  }

  /** A rule's reason begins with its kind's word, as the caller has read it since the rules began. */
  static SkipReason byRule(Kind kind, String detail) {
    return new SkipReason(kind, kind.word + ": " + detail);
  }
}
