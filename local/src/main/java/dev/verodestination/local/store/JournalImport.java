package dev.verodestination.local.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A DATA_DIR the runner kept with its earlier store, a journal of JSON lines ({@code queues.journal}:
 * a put, an update of a message's delivery fields, or a remove per line), is carried into the queue
 * database once: what was live goes in, each queue's messages in the order they came, and the
 * journal is renamed, never rewritten, so that a line it could not read stays there to be read.
 */
public final class JournalImport {

  public static final String OLD_FILE = "queues.journal";
  public static final String IMPORTED_SUFFIX = ".imported";

  /** What the carry-over did: messages put into the database, and lines of the journal it could not read. */
  public record Carried(int messages, int unreadableLines) {}

  private record PutLine(String put, StoredMessage message) {}

  private record UpdateLine(String update, String id, long nextDelivery, int receiveCount, Long firstReceived, List<String> receipts) {}

  private record RemoveLine(String remove, String id) {}

  private JournalImport() {}

  public static Carried carryOver(Path dataDir, MessageStore store) throws IOException {
    Path old = dataDir.resolve(OLD_FILE);
    if (!Files.exists(old)) {
      return new Carried(0, 0);
    }
    Map<String, LinkedHashMap<String, StoredMessage>> live = new LinkedHashMap<>();
    int unreadable = 0;
    // bytes that are not UTF-8 make their line unreadable, not the whole journal
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(old),
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)))) {
      for (String text = reader.readLine(); text != null; text = reader.readLine()) {
        try {
          apply(Json.MAPPER.readTree(text), live);
        } catch (IOException | IllegalArgumentException | NullPointerException unreadableLine) {
          unreadable++;
        }
      }
    }
    int carried = 0;
    for (Map.Entry<String, LinkedHashMap<String, StoredMessage>> queue : live.entrySet()) {
      for (StoredMessage message : queue.getValue().values()) {
        store.put(queue.getKey(), message);
        carried++;
      }
    }
    Files.move(old, old.resolveSibling(OLD_FILE + IMPORTED_SUFFIX), StandardCopyOption.REPLACE_EXISTING);
    return new Carried(carried, unreadable);
  }

  private static void apply(JsonNode change, Map<String, LinkedHashMap<String, StoredMessage>> live) throws IOException {
    if (change != null && change.hasNonNull("put")) {
      PutLine put = Json.MAPPER.treeToValue(change, PutLine.class);
      if (put.message() == null || put.message().id() == null) {
        throw new IllegalArgumentException("a put without a message");
      }
      live.computeIfAbsent(put.put(), q -> new LinkedHashMap<>()).put(put.message().id(), put.message());
    } else if (change != null && change.hasNonNull("update")) {
      UpdateLine update = Json.MAPPER.treeToValue(change, UpdateLine.class);
      live.getOrDefault(update.update(), new LinkedHashMap<>()).computeIfPresent(update.id(),
          (id, message) -> message.withDelivery(update.nextDelivery(), update.receiveCount(), update.firstReceived(), update.receipts()));
    } else if (change != null && change.hasNonNull("remove")) {
      RemoveLine remove = Json.MAPPER.treeToValue(change, RemoveLine.class);
      live.getOrDefault(remove.remove(), new LinkedHashMap<>()).remove(remove.id());
    } else {
      throw new IllegalArgumentException("neither a put, an update nor a remove");
    }
  }
}
