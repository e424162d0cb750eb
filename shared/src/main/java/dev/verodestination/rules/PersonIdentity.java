package dev.verodestination.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.segment.AnonymousUsers;
import dev.verodestination.segment.Identity;
import dev.verodestination.segment.MessageType;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who a message is about in Vero: the rules' {@code identity} section with {@code ANONYMOUS_USERS}.
 * Ingest groups a user's messages by it and skips those about no one; deliver maps with it. By
 * default a person is their userId, as in Segment's own Vero destination.
 *
 * @param id the paths whose first string or number is Vero's id
 * @param email the paths whose first string is the person's email; empty for the mapping's own
 * @param emailAsId {@code emailOnly: id}: with no id, the lower-cased email is one (Vero's advice for
 *     people known only by email), before an anonymousId: an email is a person, an anonymousId a device
 * @param anonymousAsId {@code ANONYMOUS_USERS=track}: with no id, the anonymousId is one
 */
public record PersonIdentity(List<FieldPath> id, Optional<List<FieldPath>> email, boolean emailAsId, boolean anonymousAsId) {

  /** How {@link #noPersonReason()} begins when the rules set the identity. */
  public static final String NO_PERSON = "identity";

  public static final PersonIdentity SEGMENT = new PersonIdentity(List.of(FieldPath.of("userId")), Optional.empty(), false, false);

  private static final List<String> KEYS = List.of("id", "email", "emailOnly");
  private static final FieldPath TRAITS_EMAIL = FieldPath.of("traits.email");
  private static final FieldPath CONTEXT_EMAIL = FieldPath.of("context.traits.email");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  /** The section, read strictly; Segment's identity when it is absent. */
  public static PersonIdentity parse(JsonNode section) {
    if (RuleChecks.object(section, "identity", "id, email or emailOnly") == null) {
      return SEGMENT;
    }
    RuleChecks.onlyKeys(section, "identity", KEYS);
    if (section.has("id") && section.get("id").isArray() && section.get("id").isEmpty()) {
      throw RuleChecks.refuse("identity.id: must name at least one path (the default is [\"userId\"])");
    }
    if (section.has("email") && section.get("email").isArray() && section.get("email").isEmpty()) {
      throw RuleChecks.refuse("identity.email: must name at least one path, or be left out for the mapping's own");
    }
    List<FieldPath> id = section.has("id") ? RuleChecks.paths(section.get("id"), "identity.id") : SEGMENT.id;
    Optional<List<FieldPath>> email = section.has("email") ? Optional.of(RuleChecks.paths(section.get("email"), "identity.email"))
        : Optional.empty();
    boolean emailAsId = RuleChecks.word(section.get("emailOnly"), "identity.emailOnly", List.of("skip", "id"), "skip").equals("id");
    return new PersonIdentity(id, email, emailAsId, false);
  }

  public PersonIdentity with(AnonymousUsers anonymousUsers) {
    return new PersonIdentity(id, email, emailAsId, anonymousUsers == AnonymousUsers.TRACK);
  }

  public static boolean looksLikeEmail(String text) {
    return EMAIL.matcher(text).matches();
  }

  /** The id Vero knows the person by; empty when the message is about no one Vero can know. */
  public Optional<String> personId(JsonNode message, MessageType type) {
    Optional<String> own = ownId(message);
    if (own.isPresent()) {
      return own;
    }
    if (emailAsId) {
      Optional<String> email = email(message, type).filter(PersonIdentity::looksLikeEmail);
      if (email.isPresent()) {
        return Optional.of(email.get().toLowerCase(Locale.ROOT));
      }
    }
    return anonymousAsId ? Identity.idField(message, "anonymousId") : Optional.empty();
  }

  /** The id at the {@code id} paths only: what a deletion request names. */
  public Optional<String> ownId(JsonNode message) {
    for (FieldPath path : id) {
      Optional<String> value = Identity.idText(path.valueIn(message));
      if (value.isPresent()) {
        return value;
      }
    }
    return Optional.empty();
  }

  /** The person's email: at the {@code email} paths, else the identify's traits or the context's traits. */
  public Optional<String> email(JsonNode message, MessageType type) {
    if (email.isPresent()) {
      for (FieldPath path : email.get()) {
        Optional<String> value = text(path.valueIn(message));
        if (value.isPresent()) {
          return value;
        }
      }
      return Optional.empty();
    }
    return text((type == MessageType.IDENTIFY ? TRAITS_EMAIL : CONTEXT_EMAIL).valueIn(message));
  }

  /** An id the message names that is an email, lower-cased as {@code emailOnly: id} made it an id; others as they are. */
  public String asMade(String id) {
    return emailAsId && looksLikeEmail(id) ? id.toLowerCase(Locale.ROOT) : id;
  }

  public boolean isSegments() {
    return id.equals(SEGMENT.id) && email.isEmpty() && !emailAsId;
  }

  /** Why a message about no one is not for Vero: Segment's reason, or the rule's paths. */
  public String noPersonReason() {
    if (isSegments()) {
      return AnonymousUsers.NO_USER_ID;
    }
    return NO_PERSON + ": no id at " + id + (emailAsId ? ", no email at " + email.map(List::toString)
        .orElse("[traits.email or context.traits.email]") : " (identity.emailOnly is skip)")
        + (anonymousAsId ? ", no anonymousId" : "");
  }

  public String summary() {
    return "id " + id + ", email " + email.map(List::toString).orElse("default") + ", emailOnly " + (emailAsId ? "id" : "skip");
  }

  private static Optional<String> text(JsonNode value) {
    return value != null && value.isTextual() && !value.textValue().isBlank() ? Optional.of(value.textValue()) : Optional.empty();
  }
}
