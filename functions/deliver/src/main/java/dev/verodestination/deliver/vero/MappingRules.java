package dev.verodestination.deliver.vero;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.config.Settings;
import dev.verodestination.rules.PersonIdentity;
import dev.verodestination.rules.RuleChecks;
import dev.verodestination.rules.RulesDocument;
import dev.verodestination.segment.AnonymousUsers;
import java.util.List;
import java.util.Optional;

/**
 * The mapping as the team shapes it ({@code DESTINATION_RULES}' {@code identity}, {@code audiences},
 * {@code products} and {@code events.keepRepeats}); without them, the mapping Segment's own Vero
 * destination makes.
 *
 * @param keepRepeats each event's data carries its Segment messageId as {@value #MESSAGE_ID}, so that
 *     Vero's five-minute deduplication keeps two genuine repeats and still drops a redelivery
 */
public record MappingRules(PersonIdentity identity, Optional<AudienceTags> audiences, Optional<ProductEvents> products,
    boolean keepRepeats) {

  public static final MappingRules SEGMENT = new MappingRules(PersonIdentity.SEGMENT, Optional.empty(), Optional.empty(), false);
  public static final String MESSAGE_ID = "message_id";

  public static MappingRules from(Settings settings) {
    AnonymousUsers anonymousUsers = AnonymousUsers.from(settings);
    return RulesDocument.from(settings).map(MappingRules::parse).orElse(SEGMENT).with(anonymousUsers);
  }

  /** Deliver's sections of the document's root, read strictly; the others are ingest's. */
  public static MappingRules parse(ObjectNode root) {
    JsonNode events = RuleChecks.object(root.get("events"), "events", RulesDocument.EVENTS_SHAPE);
    boolean keepRepeats = events != null && RuleChecks.bool(events.get("keepRepeats"), "events.keepRepeats", false);
    return new MappingRules(PersonIdentity.parse(root.get("identity")), AudienceTags.parse(root.get("audiences")),
        ProductEvents.parse(root.get("products")), keepRepeats);
  }

  public static MappingRules parse(String json) {
    return parse(RulesDocument.parse(json));
  }

  public MappingRules with(AnonymousUsers anonymousUsers) {
    return new MappingRules(identity.with(anonymousUsers), audiences, products, keepRepeats);
  }

  /** One line for a function's start and the debugger: what of the mapping is the team's. */
  public String summary() {
    List<String> parts = new java.util.ArrayList<>();
    if (!identity.isSegments()) {
      parts.add("identity " + identity.summary());
    }
    audiences.ifPresent(a -> parts.add("audiences as tags \"" + a.tagPrefix() + "<audience>\""));
    products.ifPresent(p -> parts.add("products of " + p.events() + " as \"" + p.as() + "\""));
    if (keepRepeats) {
      parts.add("events.keepRepeats");
    }
    return parts.isEmpty() ? "Segment's" : String.join(", ", parts);
  }
}
