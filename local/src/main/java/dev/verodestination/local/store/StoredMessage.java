package dev.verodestination.local.store;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elasticmq.BinaryMessageAttribute;
import org.elasticmq.DeduplicationId;
import org.elasticmq.MessageAttribute;
import org.elasticmq.MessageContent;
import org.elasticmq.NeverReceived$;
import org.elasticmq.NumberMessageAttribute;
import org.elasticmq.OnDateTimeReceived;
import org.elasticmq.Received;
import org.elasticmq.StringMessageAttribute;
import org.elasticmq.TracingId;
import org.elasticmq.actor.queue.InternalMessage;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;
import scala.jdk.javaapi.OptionConverters;

/**
 * One queued message as the queue database keeps it (a row's JSON): everything ElasticMQ needs to put it back where it
 * was, its place in its FIFO group included ({@code created}, ISO-8601 to the nanosecond, then {@code orderIndex}).
 */
public record StoredMessage(String id, String body, List<Attribute> attributes, String created, int orderIndex,
    long nextDelivery, int receiveCount, Long firstReceived, String groupId, String deduplicationId, String tracingId,
    String sequenceNumber, String deadLetterSourceQueue, List<String> receipts) {

  /** A message attribute: {@code type} is String, Number or Binary (its value then in base64). */
  public record Attribute(String name, String type, String value, String customType) {}

  public static StoredMessage of(InternalMessage message) {
    List<Attribute> attributes = new ArrayList<>();
    for (Map.Entry<String, MessageAttribute> entry : CollectionConverters.asJava(message.messageAttributes()).entrySet()) {
      MessageAttribute value = entry.getValue();
      String customType = value.customType().isDefined() ? value.customType().get() : null;
      attributes.add(switch (value) {
        case StringMessageAttribute text -> new Attribute(entry.getKey(), "String", text.stringValue(), customType);
        case NumberMessageAttribute number -> new Attribute(entry.getKey(), "Number", number.stringValue(), customType);
        case BinaryMessageAttribute binary -> new Attribute(entry.getKey(), "Binary", binary.asBase64(), customType);
        default -> throw new IllegalStateException("unknown attribute kind " + value.getClass().getSimpleName());
      });
    }
    Received received = message.firstReceive();
    return new StoredMessage(message.id(), message.content().value(), attributes, message.created().toString(), message.orderIndex(),
        message.nextDelivery(), message.receiveCount(),
        received instanceof OnDateTimeReceived on ? on.when().toInstant().toEpochMilli() : null,
        orNull(message.messageGroupId()),
        message.messageDeduplicationId().isDefined() ? message.messageDeduplicationId().get().id() : null,
        message.tracingId().isDefined() ? message.tracingId().get().id() : null,
        orNull(message.sequenceNumber()), orNull(message.deadLetterSourceQueueName()),
        new ArrayList<>(CollectionConverters.asJava(message.deliveryReceipts())));
  }

  /**
   * The message for a queue restarted at {@code nowMillis}: visible at once, since the process that
   * had it in flight, or was waiting out its retry, is gone.
   */
  public InternalMessage toInternal(boolean fifo, long nowMillis) {
    java.util.Map<String, MessageAttribute> attributeMap = new java.util.LinkedHashMap<>();
    for (Attribute attribute : attributes) {
      Option<String> customType = Option.apply(attribute.customType());
      attributeMap.put(attribute.name(), switch (attribute.type()) {
        case "String" -> new StringMessageAttribute(attribute.value(), customType);
        case "Number" -> new NumberMessageAttribute(attribute.value(), customType);
        case "Binary" -> BinaryMessageAttribute.fromBase64(attribute.value(), customType);
        default -> throw new IllegalStateException("unknown attribute type " + attribute.type() + " of message " + id);
      });
    }
    Received received = firstReceived == null ? NeverReceived$.MODULE$
        : new OnDateTimeReceived(OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(firstReceived), java.time.ZoneOffset.UTC));
    return new InternalMessage(id, CollectionConverters.asScala(new ArrayList<>(receipts)), Math.min(nextDelivery, nowMillis),
        new MessageContent(body), scala.collection.immutable.Map$.MODULE$.from(CollectionConverters.asScala(attributeMap)),
        OffsetDateTime.parse(created), orderIndex, received, receiveCount, fifo, Option.apply(groupId),
        Option.apply(deduplicationId).map(DeduplicationId::new), Option.apply(tracingId).map(TracingId::new),
        Option.apply(sequenceNumber), Option.apply(deadLetterSourceQueue));
  }

  /** This message as a receive or a visibility change leaves it: everything else about it is fixed when it is sent. */
  public StoredMessage withDelivery(long nextDelivery, int receiveCount, Long firstReceived, List<String> receipts) {
    return new StoredMessage(id, body, attributes, created, orderIndex, nextDelivery, receiveCount, firstReceived, groupId,
        deduplicationId, tracingId, sequenceNumber, deadLetterSourceQueue, receipts);
  }

  private static String orNull(Option<String> value) {
    return OptionConverters.toJava(value).orElse(null);
  }
}
