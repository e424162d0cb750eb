package dev.verodestination.local.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded queues' messages on disk: one JSON line per change ({@code put} a message as it now
 * is, or {@code remove} it), appended as ElasticMQ makes it, so a process killed at any moment
 * leaves every change it acknowledged. Opening replays the lines into what is live and rewrites the
 * file to just that; it is rewritten again whenever it has grown to many times what is live.
 */
public final class QueueJournal implements MessageStore, AutoCloseable {

  static final String FILE_NAME = "queues.journal";
  private static final long REWRITE_FLOOR_BYTES = 16L * 1024 * 1024;
  private static final int REWRITE_RATIO = 4;

  private final Path file;
  /** queue → message id → the line that put it there, in the order the messages came. */
  private final Map<String, LinkedHashMap<String, String>> live = new LinkedHashMap<>();
  private final int unreadableLines;
  private FileChannel channel;
  /** Where the file ends after the last complete line: a write cut short is cut off again here. */
  private long goodSize;
  private long liveBytes;
  private long rewriteFrom = REWRITE_FLOOR_BYTES;

  private QueueJournal(Path file) throws IOException {
    this.file = file;
    this.unreadableLines = replay();
    rewrite();
  }

  /** Opens (or starts) the journal in {@code folder}, keeping only what is live. */
  public static QueueJournal open(Path folder) throws IOException {
    return new QueueJournal(folder.resolve(FILE_NAME));
  }

  /** Lines that could not be read back: a line cut short by a kill is the only kind expected. */
  public int unreadableLines() {
    return unreadableLines;
  }

  /** Each queue's live messages, oldest change first. */
  public Map<String, List<StoredMessage>> messages() throws IOException {
    Map<String, List<StoredMessage>> messages = new LinkedHashMap<>();
    for (Map.Entry<String, LinkedHashMap<String, String>> queue : live.entrySet()) {
      List<StoredMessage> list = new java.util.ArrayList<>();
      for (String line : queue.getValue().values()) {
        list.add(Json.MAPPER.treeToValue(Json.MAPPER.readTree(line).get("message"), StoredMessage.class));
      }
      messages.put(queue.getKey(), list);
    }
    return messages;
  }

  @Override
  public String place() {
    return file.getParent().toString();
  }

  @Override
  public void put(String queue, StoredMessage message) throws IOException {
    ObjectNode line = Json.MAPPER.createObjectNode().put("put", queue);
    line.set("message", Json.MAPPER.valueToTree(message));
    String text = Json.MAPPER.writeValueAsString(line);
    append(text);
    String before = live.computeIfAbsent(queue, q -> new LinkedHashMap<>()).put(message.id(), text);
    liveBytes += text.length() - (before == null ? 0 : before.length());
  }

  @Override
  public void remove(String queue, String messageId) throws IOException {
    append(Json.MAPPER.writeValueAsString(Json.MAPPER.createObjectNode().put("remove", queue).put("id", messageId)));
    LinkedHashMap<String, String> messages = live.get(queue);
    String before = messages == null ? null : messages.remove(messageId);
    liveBytes -= before == null ? 0 : before.length();
    if (goodSize > rewriteFrom && goodSize > REWRITE_RATIO * liveBytes) {
      try {
        rewrite();
      } catch (IOException noRoom) {
        // the change itself is written; the file stays as it is until it has grown some more
        rewriteFrom = goodSize + REWRITE_FLOOR_BYTES;
      }
    }
  }

  private void append(String line) throws IOException {
    if (channel.size() != goodSize) {
      channel.truncate(goodSize);
    }
    ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
    channel.position(goodSize);
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
    goodSize = channel.position();
  }

  private int replay() throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    int unreadable = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        JsonNode change;
        try {
          change = Json.MAPPER.readTree(line);
        } catch (IOException cutShort) {
          unreadable++;
          continue;
        }
        if (change != null && change.hasNonNull("put") && change.path("message").hasNonNull("id")) {
          live.computeIfAbsent(change.get("put").asText(), q -> new LinkedHashMap<>()).put(change.get("message").get("id").asText(), line);
        } else if (change != null && change.hasNonNull("remove")) {
          LinkedHashMap<String, String> messages = live.get(change.get("remove").asText());
          if (messages != null) {
            messages.remove(change.path("id").asText());
          }
        } else {
          unreadable++;
        }
      }
    }
    return unreadable;
  }

  /**
   * Writes what is live to a new file and moves it over the old one, so a kill mid-way leaves one or
   * the other whole; a write that fails leaves the old file in use.
   */
  private void rewrite() throws IOException {
    Path next = file.resolveSibling(FILE_NAME + ".next");
    long bytes = 0;
    try (FileChannel out = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      for (LinkedHashMap<String, String> messages : live.values()) {
        for (String line : messages.values()) {
          ByteBuffer buffer = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
          while (buffer.hasRemaining()) {
            out.write(buffer);
          }
          bytes += line.length();
        }
      }
      out.force(true);
    } catch (IOException e) {
      Files.deleteIfExists(next);
      throw e;
    }
    if (channel != null) {
      channel.close();
    }
    Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    channel = FileChannel.open(file, StandardOpenOption.WRITE);
    goodSize = channel.size();
    liveBytes = bytes;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
