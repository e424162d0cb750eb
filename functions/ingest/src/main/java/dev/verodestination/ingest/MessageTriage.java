package dev.verodestination.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.ingest.IngestResult.Plan;
import dev.verodestination.ingest.IngestResult.Refused;
import dev.verodestination.ingest.IngestResult.RejectKind;
import dev.verodestination.ingest.IngestResult.Rejected;
import dev.verodestination.ingest.IngestResult.Skipped;
import dev.verodestination.ingest.rules.DestinationRules;
import dev.verodestination.ingest.rules.SkipReason;
import dev.verodestination.json.Json;
import dev.verodestination.json.JsonErrors;
import dev.verodestination.rules.PersonIdentity;
import dev.verodestination.segment.AnonymousUsers;
import dev.verodestination.segment.Identity;
import dev.verodestination.segment.Integrations;
import dev.verodestination.segment.MessageRules;
import dev.verodestination.segment.MessageType;
import dev.verodestination.segment.SpecTimes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Each message of a request accepted (enriched, with its person), skipped (not for Vero) or rejected (invalid), with reasons. */
final class MessageTriage {

  static final int MAX_MESSAGES = 2500;
  static final SkipReason INTEGRATIONS_OFF = new SkipReason(SkipReason.Kind.INTEGRATIONS_OFF, "integrations turn Vero off");
  static final SkipReason FROM_VERO = new SkipReason(SkipReason.Kind.FROM_VERO,
      "from Vero: a profile change Vero sent (context.integration.name \"vero\") never goes back to it");
  static final SkipReason ALIAS_TO_SELF = new SkipReason(SkipReason.Kind.ALIAS_TO_SELF,
      "alias previousId equals userId: nothing to merge in Vero");

  private final Clock clock;
  private final Supplier<String> messageIds;
  private final PersonIdentity identity;
  private final DestinationRules rules;

  MessageTriage(Clock clock, Supplier<String> messageIds, AnonymousUsers anonymousUsers, DestinationRules rules) {
    this.clock = clock;
    this.messageIds = messageIds;
    this.identity = rules.identity().with(anonymousUsers);
    this.rules = rules;
  }

  /** {@code scan}: what the body's bytes proved, so that a message is searched only for what they did not. */
  IngestResult plan(Envelopes.Messages messages, BodyScan scan) {
    JsonNode items = messages.items();
    if (items.size() > MAX_MESSAGES) {
      return new Refused(413, "request has " + items.size() + " messages; the limit is " + MAX_MESSAGES);
    }
    Enrichment enrichment = new Enrichment(clock.instant(), messageIds);
    List<AcceptedMessage> accepted = new ArrayList<>(items.size());
    List<Skipped> skipped = new ArrayList<>();
    List<Rejected> rejected = new ArrayList<>();
    for (int index = 0; index < items.size(); index++) {
      if (!(items.get(index) instanceof ObjectNode message)) {
        rejected.add(new Rejected(index, RejectKind.NOT_AN_OBJECT, "message must be a JSON object (got " + JsonErrors.kind(items.get(index)) + ")"));
        continue;
      }
      messages.type().ifPresent(t -> message.put("type", t.wireName()));
      messages.envelope().ifPresent(envelope -> BatchEnvelope.mergeInto(message, envelope));
      message.remove("writeKey");
      SpecTimes times;
      switch (MessageRules.check(message)) {
        case MessageRules.Invalid(String error) -> {
          rejected.add(new Rejected(index, error));
          continue;
        }
        case MessageRules.Valid(SpecTimes read) -> times = read;
      }
      Optional<String> unqueueable = QueueableValues.check(message, scan);
      if (unqueueable.isPresent()) {
        rejected.add(new Rejected(index, unqueueable.get()));
        continue;
      }
      if (Integrations.cameFromVero(message)) {
        skipped.add(new Skipped(index, FROM_VERO));
        continue;
      }
      if (!Integrations.veroEnabled(message)) {
        skipped.add(new Skipped(index, INTEGRATIONS_OFF));
        continue;
      }
      MessageType type = type(message);
      Optional<SkipReason> ruledOut = rules.skipReason(message, type);
      if (ruledOut.isPresent()) {
        skipped.add(new Skipped(index, ruledOut.get()));
        continue;
      }
      Optional<String> personId = identity.personId(message, type);
      if (personId.isEmpty()) {
        skipped.add(new Skipped(index, new SkipReason(SkipReason.Kind.ANONYMOUS, identity.noPersonReason())));
        continue;
      }
      if (type == MessageType.ALIAS && Identity.userId(message).equals(Identity.idField(message, "previousId"))) {
        // analytics.js makes this when alias is called after identify: there is nothing to merge
        skipped.add(new Skipped(index, ALIAS_TO_SELF));
        continue;
      }
      // before the size is taken: the limit is on what Vero would get
      rules.reshape(message, type);
      long added = enrichment.apply(message, times);
      // UTF-8 bytes, as Jackson writes fastest, measure the message exactly on the way to the queue's text
      byte[] body = Json.bytes(message);
      long sentSize = body.length - added;
      if (sentSize > MessageRules.MAX_MESSAGE_BYTES) {
        rejected.add(new Rejected(index, RejectKind.TOO_LARGE, "message is " + sentSize + " bytes; the limit is " + MessageRules.MAX_MESSAGE_BYTES
            + " (32 KB)"));
        continue;
      }
      accepted.add(new AcceptedMessage(personId.get(), message.get("messageId").textValue(), new String(body, StandardCharsets.UTF_8)));
    }
    if (messages.single() && !rejected.isEmpty()) {
      // one message outside a batch: its rejection is the request's answer
      return new Refused(400, rejected.get(0).error());
    }
    return new Plan(accepted, skipped, rejected);
  }

  private static MessageType type(JsonNode message) {
    return MessageType.fromWireName(message.path("type").asText()).orElseThrow();
  }
}
