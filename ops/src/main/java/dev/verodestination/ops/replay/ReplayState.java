package dev.verodestination.ops.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * How far a replay got, written after every batch the target took, so that a replay started again
 * with the same files goes on after the last line taken. A file is known by its absolute path and
 * size: a file that changed starts over. The counts and reasons add up over all the runs.
 */
final class ReplayState {

  private final Path path;
  private final ObjectNode root;

  private ReplayState(Path path, ObjectNode root) {
    this.path = path;
    this.root = root;
  }

  static ReplayState load(Path path) throws IOException {
    if (!Files.exists(path)) {
      return new ReplayState(path, fresh());
    }
    JsonNode read = Json.MAPPER.readTree(path.toFile());
    return new ReplayState(path, read != null && read.isObject() ? (ObjectNode) read : fresh());
  }

  /** A state for a dry run, never written. */
  static ReplayState inMemory() {
    return new ReplayState(Path.of("unused"), fresh());
  }

  private static ObjectNode fresh() {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.putObject("files");
    root.putObject("totals").put("accepted", 0).put("skipped", 0).put("rejected", 0);
    root.putObject("reasons");
    return root;
  }

  /** Lines of this file already taken; 0 for a file not seen, or seen at another size. */
  long linesDone(Path file, long size) {
    JsonNode entry = root.path("files").path(key(file));
    return entry.path("size").asLong(-1) == size ? entry.path("linesDone").asLong(0) : 0;
  }

  boolean complete(Path file, long size) {
    JsonNode entry = root.path("files").path(key(file));
    return entry.path("size").asLong(-1) == size && entry.path("complete").asBoolean(false);
  }

  void progress(Path file, long size, long linesDone, boolean complete) {
    ((ObjectNode) root.get("files")).putObject(key(file)).put("size", size).put("linesDone", linesDone).put("complete", complete);
  }

  void count(String outcome, int n) {
    ObjectNode totals = (ObjectNode) root.get("totals");
    totals.put(outcome, totals.path(outcome).asLong() + n);
  }

  void reason(String outcome, String reason) {
    ObjectNode reasons = (ObjectNode) root.get("reasons");
    String key = outcome + ": " + reason;
    reasons.put(key, reasons.path(key).asLong() + 1);
  }

  long total(String outcome) {
    return root.path("totals").path(outcome).asLong();
  }

  /** "skipped: reason" and "rejected: error" with how many lines had each, most frequent first. */
  Map<String, Long> reasons() {
    Map<String, Long> reasons = new TreeMap<>();
    for (Map.Entry<String, JsonNode> entry : root.path("reasons").properties()) {
      reasons.put(entry.getKey(), entry.getValue().asLong());
    }
    return reasons;
  }

  /** Written whole to a side file and moved over the old one, so that a kill never leaves half a state. */
  void save() {
    try {
      Path parent = path.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path temporary = Files.createTempFile(parent, ".replay-state", ".tmp");
      Json.MAPPER.writeValue(temporary.toFile(), root);
      Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the replay state " + path, e);
    }
  }

  private static String key(Path file) {
    return file.toAbsolutePath().normalize().toString();
  }
}
