package dev.verodestination.local.debugger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.json.Json;
import dev.verodestination.ops.DeadLetter;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the debugger page shows: the last messages the runner queued and what became of each (every
 * Vero call, retries, a dead letter and its reason), ingest requests with what they skipped or
 * rejected, and Vero webhooks. Built from what the queue took and from the functions' own log lines,
 * so the page says what the logs say. Holds no write key, token or request body.
 */
public final class DebuggerActivity {

  static final int KEEP_MESSAGES = 300;
  static final int KEEP_OTHERS = 100;

  private final Map<String, ObjectNode> messages = new LinkedHashMap<>();
  private final Map<String, ObjectNode> requests = new LinkedHashMap<>();
  private final Deque<ObjectNode> webhooks = new ArrayDeque<>();
  /** Deliver's lines about a message whose queueing has not been reported yet: the poller can be that quick. */
  private final Map<String, List<JsonNode>> early = new LinkedHashMap<>();
  /** Vero as deliver last found it: {@code ok}, or an outage's cause, since when and why. */
  private ObjectNode vero = Json.MAPPER.createObjectNode().put("state", "ok");
  private long version;

  /** The queue took a message from ingest under {@code sqsId}. */
  public synchronized void queued(String sqsId, String body) {
    JsonNode message = Json.treeOrMissing(body);
    ObjectNode entry = Json.MAPPER.createObjectNode()
        .put("sqsId", sqsId)
        .put("messageId", message.path("messageId").asText(""))
        .put("type", message.path("type").asText(""))
        .put("userId", message.hasNonNull("userId") ? message.path("userId").asText() : message.path("anonymousId").asText(""))
        .put("event", DeadLetter.eventOf(message))
        .put("receivedAt", Instant.now().toString())
        .put("fate", "queued")
        .put("reason", "");
    entry.putArray("calls");
    put(messages, sqsId, entry, KEEP_MESSAGES);
    applyEarly(sqsId);
  }

  private void applyEarly(String sqsId) {
    List<JsonNode> before = early.remove(sqsId);
    if (before != null) {
      before.forEach(this::messageLine);
    }
  }

  /** A redrive put a dead letter back on the queue under a new SQS id. */
  public synchronized void redriven(String oldSqsId, String newSqsId, String note) {
    ObjectNode entry = messages.remove(oldSqsId);
    if (entry == null) {
      return;
    }
    entry.put("sqsId", newSqsId).put("fate", "redriven").put("reason", note);
    put(messages, newSqsId, entry, KEEP_MESSAGES);
    applyEarly(newSqsId);
  }

  /** Forgets every message of this user the page holds (a deletion request); returns how many rows went. */
  public synchronized int forget(String userId) {
    int before = messages.size();
    messages.values().removeIf(entry -> entry.path("userId").asText().equals(userId));
    int removed = before - messages.size();
    if (removed > 0) {
      version++;
    }
    return removed;
  }

  /** The SQS id of the latest message with this Segment messageId and user, if the page still holds it. */
  public synchronized String sqsIdOf(String messageId, String userId) {
    String found = null;
    for (ObjectNode entry : messages.values()) {
      if (entry.path("messageId").asText().equals(messageId) && entry.path("userId").asText().equals(userId)) {
        found = entry.path("sqsId").asText();
      }
    }
    return found;
  }

  /** One line of the functions' log; lines the page does not show are passed over. */
  public void logLine(String text) {
    // a metrics line comes with nearly every other and is the largest: not worth reading to drop
    if (text.contains("\"message\":\"metrics\"")) {
      return;
    }
    JsonNode line = Json.treeOrMissing(text);
    if (!line.isObject()) {
      return;
    }
    synchronized (this) {
      switch (line.path("message").asText()) {
        case "vero call", "retrying later", "dead-lettered", "held back for an outage", "delivery skipped" -> messageLine(line);
        case "vero unreachable", "vero credential rejected", "vero rate limited", "vero probe failed" -> vero = Json.MAPPER.createObjectNode()
            .put("state", line.path("cause").asText()).put("since", line.path("since").asText())
            .put("reason", line.path("reason").asText()).put("nextProbeSeconds", line.path("nextProbeSeconds").asLong());
        case "vero answering again" -> vero = Json.MAPPER.createObjectNode().put("state", "ok")
            .put("lastOutageSeconds", line.path("outageSeconds").asLong());
        case "ingest request" -> {
          ObjectNode request = request(line).put("time", line.path("timestamp").asText()).put("path", line.path("path").asText())
              .put("status", line.path("status").asInt()).put("accepted", line.path("accepted").asInt())
              .put("skipped", line.path("skipped").asInt()).put("rejected", line.path("rejected").asInt());
          if (line.hasNonNull("error")) {
            ((ArrayNode) request.get("reasons")).addObject().put("outcome", "refused").put("reason", line.path("error").asText());
          }
        }
        case "message skipped", "message rejected" -> ((ArrayNode) request(line).get("reasons")).addObject()
            .put("index", line.path("index").asInt())
            .put("outcome", line.path("message").asText().substring("message ".length()))
            .put("kind", line.path("kind").asText())
            .put("reason", line.path("reason").asText());
        case "vero webhook" -> webhook(line);
        default -> {
          return;
        }
      }
      version++;
    }
  }

  private void messageLine(JsonNode line) {
    String sqsId = line.path("messageId").asText();
    ObjectNode entry = messages.get(sqsId);
    if (entry == null) {
      early.computeIfAbsent(sqsId, id -> new ArrayList<>()).add(line);
      for (Iterator<String> oldest = early.keySet().iterator(); early.size() > KEEP_OTHERS; ) {
        oldest.next();
        oldest.remove();
      }
      return;
    }
    switch (line.path("message").asText()) {
      case "vero call" -> veroCall(entry, line);
      case "retrying later" -> entry.put("fate", "retrying").put("reason", line.path("reason").asText());
      case "held back for an outage" -> entry.put("fate", "held back").put("reason", "Vero " + line.path("cause").asText()
          + ": waiting for it without spending an attempt");
      case "delivery skipped" -> entry.put("fate", "skipped").put("reason", line.path("reason").asText());
      default -> entry.put("fate", "dead-lettered").put("reason", line.path("reason").asText())
          .put("status", line.path("status").asInt());
    }
  }

  private static void veroCall(ObjectNode entry, JsonNode line) {    String call = line.path("call").asText();
    int space = call.indexOf(' ');
    ((ArrayNode) entry.get("calls")).addObject()
        .put("time", line.path("timestamp").asText())
        .put("method", space < 0 ? call : call.substring(0, space))
        .put("path", space < 0 ? "" : call.substring(space + 1))
        .put("outcome", line.path("outcome").asText())
        .put("status", line.path("status").asInt(0))
        .put("millis", line.path("millis").asLong())
        .put("attempt", line.path("attempt").asInt())
        .put("reason", line.path("reason").asText(""));
    switch (line.path("outcome").asText()) {
      case "delivered" -> entry.put("fate", "delivered").put("reason", "");
      case "dry-run" -> entry.put("fate", "dry-run").put("reason", "printed, not sent: no Vero credential");
      default -> { }
    }
  }

  private ObjectNode request(JsonNode line) {
    String id = line.path("requestId").asText(Long.toString(version));
    ObjectNode request = requests.get(id);
    if (request == null) {
      request = Json.MAPPER.createObjectNode();
      request.putArray("reasons");
      put(requests, id, request, KEEP_OTHERS);
    }
    return request;
  }

  private void webhook(JsonNode line) {
    webhooks.addLast(Json.MAPPER.createObjectNode()
        .put("time", line.path("timestamp").asText())
        .put("event", line.path("event").asText(""))
        .put("status", line.path("status").asInt())
        .put("forwarded", line.path("forwarded").asBoolean())
        .put("parked", line.path("parked").asBoolean())
        .put("dryRun", line.path("dryRun").asBoolean())
        .put("reason", line.path("reason").asText(""))
        .put("messageId", line.path("messageId").asText("")));
    while (webhooks.size() > KEEP_OTHERS) {
      webhooks.removeFirst();
    }
  }

  /** Newest first. */
  public synchronized ObjectNode snapshot() {
    ObjectNode snapshot = Json.MAPPER.createObjectNode().put("version", version);
    snapshot.set("messages", newestFirst(new ArrayList<>(messages.values())));
    snapshot.set("requests", newestFirst(new ArrayList<>(requests.values())));
    snapshot.set("webhooks", newestFirst(new ArrayList<>(webhooks)));
    snapshot.set("vero", vero);
    return snapshot.deepCopy();
  }

  private static ArrayNode newestFirst(List<ObjectNode> entries) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    for (int i = entries.size() - 1; i >= 0; i--) {
      array.add(entries.get(i));
    }
    return array;
  }

  private void put(Map<String, ObjectNode> map, String key, ObjectNode value, int keep) {
    map.put(key, value);
    for (Iterator<String> oldest = map.keySet().iterator(); map.size() > keep; ) {
      oldest.next();
      oldest.remove();
    }
    version++;
  }

}
