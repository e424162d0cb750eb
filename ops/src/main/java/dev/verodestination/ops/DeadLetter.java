package dev.verodestination.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.json.Json;
import dev.verodestination.queue.DeadLetterQueue;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * A message parked in a DLQ, as an operator reads it: why it failed (the attributes the functions
 * wrote), which user and message it is, and the body as it was. A message that SQS itself moved after
 * too many receives carries no reason; it says so.
 */
public record DeadLetter(String sqsMessageId, String receiptHandle, String groupId, String messageId, String type,
    String event, String userId, String reason, int status, String failedAt, String source, int callsDone, String body) {

  static final String MOVED_BY_SQS = "moved by SQS after too many receives (no reason recorded)";

  static DeadLetter of(Message message) {
    Map<String, MessageAttributeValue> attributes = message.messageAttributes();
    JsonNode parsed = Json.treeOrMissing(message.body());
    return new DeadLetter(
        message.messageId(),
        message.receiptHandle(),
        message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID),
        text(parsed, "messageId"),
        text(parsed, "type"),
        eventOf(parsed),
        parsed.hasNonNull("userId") ? text(parsed, "userId") : text(parsed, "anonymousId"),
        attribute(attributes, "reason", MOVED_BY_SQS),
        number(attributes, "status"),
        attribute(attributes, "failedAt", ""),
        attribute(attributes, "source", ""),
        number(attributes, DeadLetterQueue.CALLS_DONE),
        message.body());
  }

  /** What an operator looks for first: a track's event, a page's or screen's name; empty for other messages. */
  public static String eventOf(JsonNode message) {
    return message.hasNonNull("event") ? text(message, "event") : text(message, "name");
  }

  /** The ids an operator may name it by: the SQS message id or the Segment messageId. */
  boolean isNamed(String id) {
    return id.equals(sqsMessageId) || id.equals(messageId);
  }

  ObjectNode toJson(boolean withBody) {
    ObjectNode node = Json.MAPPER.createObjectNode()
        .put("sqsMessageId", sqsMessageId)
        .put("messageId", messageId)
        .put("type", type)
        .put("event", event)
        .put("userId", userId)
        .put("group", groupId)
        .put("reason", reason)
        .put("status", status)
        .put("failedAt", failedAt)
        .put("source", source)
        .put("veroCallsDone", callsDone);
    if (withBody) {
      JsonNode parsed = Json.treeOrMissing(body);
      if (parsed.isMissingNode()) {
        node.put("body", body);
      } else {
        node.set("body", parsed);
      }
    }
    return node;
  }


  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isValueNode() && !value.isNull() ? value.asText() : "";
  }

  private static String attribute(Map<String, MessageAttributeValue> attributes, String name, String absent) {
    MessageAttributeValue value = attributes.get(name);
    return value == null || value.stringValue() == null ? absent : value.stringValue();
  }

  private static int number(Map<String, MessageAttributeValue> attributes, String name) {
    try {
      return Integer.parseInt(attribute(attributes, name, "0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
