package dev.verodestination.local.dryrun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.json.Json;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The functions' lines as a dry run tells them. The functions know nothing of a dry run: its senders
 * answer as Vero and Segment answer a call they take, and this says in the lines what was done instead,
 * which the runner's output and page show: a call printed is {@code "outcome":"dry-run"} with no status
 * and no call metric; a batch's printed messages are its {@code dryRun}, never {@code delivered} nor
 * named in {@code deliveredIds}; a webhook printed is {@code "forwarded":false,"dryRun":true} with the
 * {@code Outcome} {@code dry-run}. A line that should change but lacks a field the change needs is
 * refused with an error naming the line and the field (which the runner prints beside the line), never
 * passed off as a dry run's.
 */
public final class DryRunLines implements Function<String, Optional<String>> {

  private static final String DELIVER = "\"component\":\"deliver\"";
  private static final String WEBHOOK = "\"component\":\"webhook\"";
  private static final String WEBHOOK_LINE = "\"message\":\"vero webhook\"";
  /** The metric a Vero call adds to its batch's line; its latency and dimensions go with it. */
  private static final String CALL_METRIC = "VeroCalls";

  private static final ObjectReader AS_WRITTEN = Json.MAPPER.reader().without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);

  private final boolean vero;
  private final boolean segment;

  private DryRunLines(boolean vero, boolean segment) {
    this.vero = vero;
    this.segment = segment;
  }

  /** The view of the runner's functions' lines: as written when both Vero and Segment are called. */
  public static Function<String, Optional<String>> of(boolean veroDryRun, boolean segmentDryRun) {
    return veroDryRun || segmentDryRun ? new DryRunLines(veroDryRun, segmentDryRun) : Optional::of;
  }

  /** The line as the runner shows it, or empty when it only counted calls never made. */
  @Override
  public Optional<String> apply(String text) {
    if (vero && text.contains(DELIVER)) {
      return deliver(text);
    }
    if (segment && text.contains(WEBHOOK) && text.contains(WEBHOOK_LINE)) {
      return Optional.of(webhook(text));
    }
    return Optional.of(text);
  }

  private static Optional<String> deliver(String text) {
    ObjectNode line = parse(text);
    return switch (line.path("message").asText()) {
      case "vero call" -> Optional.of(line.path("outcome").asText().equals("delivered") ? printedCall(line) : text);
      case "batch done" -> Optional.of(printedBatch(line));
      case "metrics" -> switch (dropCallMetrics(line)) {
        case UNCHANGED -> Optional.of(text);
        case SOME_LEFT -> Optional.of(Json.string(line));
        case NONE_LEFT -> Optional.empty();
      };
      default -> Optional.of(text);
    };
  }

  private static String printedCall(ObjectNode line) {
    required(line, "status");
    line.remove("status");
    return Json.string(line.put("outcome", "dry-run"));
  }

  private static String printedBatch(ObjectNode line) {
    int printed = required(line, "delivered").asInt();
    ObjectNode batch = inserted(line, "delivered", "dryRun", IntNode.valueOf(printed)).put("delivered", 0);
    batch.remove("deliveredIds");
    dropCallMetrics(batch);
    return Json.string(batch);
  }

  private static String webhook(String text) {
    ObjectNode line = parse(text);
    if (!line.path("forwarded").asBoolean()) {
      return text;
    }
    required(line, "Outcome");
    return Json.string(inserted(line, "event", "dryRun", BooleanNode.TRUE).put("forwarded", false).put("Outcome", "dry-run"));
  }

  private enum Dropped { UNCHANGED, SOME_LEFT, NONE_LEFT }

  /**
   * Takes the Vero calls' metric declarations off {@code line} with their values, and the dimensions
   * no other declaration of the line names.
   */
  private static Dropped dropCallMetrics(ObjectNode line) {
    if (!(line.path("_aws").path("CloudWatchMetrics") instanceof ArrayNode declarations)) {
      return Dropped.UNCHANGED;
    }
    ArrayNode kept = declarations.arrayNode();
    Set<String> dimensionsDropped = new HashSet<>();
    Set<String> dimensionsKept = new HashSet<>();
    for (JsonNode declaration : declarations) {
      boolean ofCalls = declaration.path("Metrics").findValuesAsText("Name").contains(CALL_METRIC);
      Set<String> dimensions = ofCalls ? dimensionsDropped : dimensionsKept;
      declaration.path("Dimensions").forEach(set -> set.forEach(name -> dimensions.add(name.asText())));
      if (ofCalls) {
        declaration.path("Metrics").findValuesAsText("Name").forEach(line::remove);
      } else {
        kept.add(declaration);
      }
    }
    if (kept.size() == declarations.size()) {
      return Dropped.UNCHANGED;
    }
    dimensionsDropped.removeAll(dimensionsKept);
    dimensionsDropped.forEach(line::remove);
    if (kept.isEmpty()) {
      line.remove("_aws");
      return Dropped.NONE_LEFT;
    }
    ((ObjectNode) line.get("_aws")).set("CloudWatchMetrics", kept);
    return Dropped.SOME_LEFT;
  }

  /** {@code line} with {@code name} put right after {@code after}, where today's lines have it. */
  static ObjectNode inserted(ObjectNode line, String after, String name, JsonNode value) {
    required(line, after);
    ObjectNode copy = line.objectNode();
    for (Map.Entry<String, JsonNode> field : line.properties()) {
      copy.set(field.getKey(), field.getValue());
      if (field.getKey().equals(after)) {
        copy.set(name, value);
      }
    }
    return copy;
  }

  private static JsonNode required(ObjectNode line, String field) {
    JsonNode value = line.get(field);
    if (value == null) {
      throw new IllegalStateException("the runner's dry run cannot show a " + line.path("component").asText() + " line \""
          + line.path("message").asText() + "\" without its field \"" + field + "\": the function's line changed");
    }
    return value;
  }

  private static ObjectNode parse(String text) {
    return object(text).orElseThrow(
        () -> new IllegalStateException("the runner's dry run cannot read a function's line: it is not a JSON object"));
  }

  /** {@code text}'s object, its numbers written back as they came ({@code 0.0} stays {@code 0.0}); empty when it is none. */
  static Optional<ObjectNode> object(String text) {
    try {
      return text != null && AS_WRITTEN.readTree(text) instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
