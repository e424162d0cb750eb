package dev.verodestination.segment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.config.InvalidSettingException;
import dev.verodestination.config.Settings;
import java.util.Locale;
import java.util.Optional;

/**
 * Who a message is about, as Vero sees the person ({@code ANONYMOUS_USERS}): by default only known
 * users, by their userId, as Segment's own Vero destination does; with {@code track}, visitors
 * before sign-up too, by their anonymousId, until an alias from it to the userId merges the profile.
 */
public enum AnonymousUsers {
  SKIP, TRACK;

  public static final String SETTING = "ANONYMOUS_USERS";

  public static AnonymousUsers from(Settings settings) {
    String value = settings.optional(SETTING).orElse("skip").toLowerCase(Locale.ROOT);
    return switch (value) {
      case "skip" -> SKIP;
      case "track" -> TRACK;
      default -> throw new InvalidSettingException("setting " + SETTING + " must be skip or track");
    };
  }

  /** The id Vero knows the person by; empty when the message is not for Vero. */
  public Optional<String> personId(JsonNode message) {
    Optional<String> userId = Identity.userId(message);
    return this == TRACK ? userId.or(() -> Identity.idField(message, "anonymousId")) : userId;
  }

  /** Why a message with no person id is not for Vero. */
  public static final String NO_USER_ID = "no userId: Vero identifies people by userId";
}
