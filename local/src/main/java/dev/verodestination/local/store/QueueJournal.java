package dev.verodestination.local.store;

import com.fasterxml.jackson.databind.JsonNode;
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
 * The embedded queues' messages on disk: one JSON line per change, appended as ElasticMQ makes it,
 * so a process killed at any moment leaves every change it acknowledged. A message is {@code put}
 * whole once; a receive or a visibility change of it is an {@code update} of its delivery fields
 * only (a put of the same message otherwise unchanged), and it ends with a {@code remove}. Opening
 * replays the lines into what is live and rewrites the file to just that; it is rewritten again
 * whenever it has grown to many times what is live.
 */
public final class QueueJournal implements MessageStore, AutoCloseable {

  static final String FILE_NAME = "queues.journal";
  private static final long REWRITE_FLOOR_BYTES = 16L * 1024 * 1024;
  private static final int REWRITE_RATIO = 4;

  private record PutLine(String put, StoredMessage message) {}

  private record UpdateLine(String update, String id, long nextDelivery, int receiveCount, Long firstReceived, List<String> receipts) {

    StoredMessage applyTo(StoredMessage message) {
      return message.withDelivery(nextDelivery, receiveCount, firstReceived, receipts);
    }
  }

  private record RemoveLine(String remove, String id) {}

  /** A live message and the length of the line that put it, for the rewrite's arithmetic. */
  private record Live(StoredMessage message, int lineBytes) {}

  private final Path file;
  /** queue → message id → the message as it now is, in the order the messages came. */
  private final Map<String, LinkedHashMap<String, Live>> live = new LinkedHashMap<>();
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

  /** Each queue's live messages, in the order they came. */
  public Map<String, List<StoredMessage>> messages() {
    Map<String, List<StoredMessage>> messages = new LinkedHashMap<>();
    live.forEach((queue, entries) -> messages.put(queue, entries.values().stream().map(Live::message).toList()));
    return messages;
  }

  @Override
  public String place() {
    return file.getParent().toString();
  }

  @Override
  public void put(String queue, StoredMessage message) throws IOException {
    LinkedHashMap<String, Live> messages = live.computeIfAbsent(queue, q -> new LinkedHashMap<>());
    Live before = messages.get(message.id());
    if (before != null && before.message().withDelivery(message.nextDelivery(), message.receiveCount(), message.firstReceived(),
        message.receipts()).equals(message)) {
      append(new UpdateLine(queue, message.id(), message.nextDelivery(), message.receiveCount(), message.firstReceived(),
          message.receipts()));
      messages.put(message.id(), new Live(message, before.lineBytes()));
      return;
    }
    int bytes = append(new PutLine(queue, message));
    messages.put(message.id(), new Live(message, bytes));
    liveBytes += bytes - (before == null ? 0 : before.lineBytes());
  }

  @Override
  public void remove(String queue, String messageId) throws IOException {
    append(new RemoveLine(queue, messageId));
    LinkedHashMap<String, Live> messages = live.get(queue);
    Live before = messages == null ? null : messages.remove(messageId);
    liveBytes -= before == null ? 0 : before.lineBytes();
    if (goodSize > rewriteFrom && goodSize > REWRITE_RATIO * liveBytes) {
      try {
        rewrite();
      } catch (IOException noRoom) {
        // the change itself is written; the file stays as it is until it has grown some more
        rewriteFrom = goodSize + REWRITE_FLOOR_BYTES;
      }
    }
  }

  /** Appends one line; returns its length in bytes. */
  private int append(Record line) throws IOException {
    if (channel.size() != goodSize) {
      channel.truncate(goodSize);
    }
    ByteBuffer bytes = ByteBuffer.wrap(lineBytes(line));
    channel.position(goodSize);
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
    goodSize = channel.position();
    return bytes.capacity();
  }

  private static byte[] lineBytes(Record line) throws IOException {
    return (Json.MAPPER.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private int replay() throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    int unreadable = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String text = reader.readLine(); text != null; text = reader.readLine()) {
        try {
          apply(Json.MAPPER.readTree(text));
        } catch (IOException | IllegalArgumentException cutShortOrUnknown) {
          unreadable++;
        }
      }
    }
    return unreadable;
  }

  /** One replayed line; its message's line length is measured by the rewrite that follows the replay. */
  private void apply(JsonNode change) throws IOException {
    if (change != null && change.hasNonNull("put")) {
      PutLine put = Json.MAPPER.treeToValue(change, PutLine.class);
      live.computeIfAbsent(put.put(), q -> new LinkedHashMap<>()).put(put.message().id(), new Live(put.message(), 0));
    } else if (change != null && change.hasNonNull("update")) {
      UpdateLine update = Json.MAPPER.treeToValue(change, UpdateLine.class);
      live.getOrDefault(update.update(), new LinkedHashMap<>())
          .computeIfPresent(update.id(), (id, entry) -> new Live(update.applyTo(entry.message()), entry.lineBytes()));
    } else if (change != null && change.hasNonNull("remove")) {
      RemoveLine remove = Json.MAPPER.treeToValue(change, RemoveLine.class);
      live.getOrDefault(remove.remove(), new LinkedHashMap<>()).remove(remove.id());
    } else {
      throw new IllegalArgumentException("neither a put, an update nor a remove");
    }
  }

  /**
   * Writes what is live to a new file and moves it over the old one, so a kill mid-way leaves one or
   * the other whole; a write that fails leaves the old file in use.
   */
  private void rewrite() throws IOException {
    Path next = file.resolveSibling(FILE_NAME + ".next");
    long bytes = 0;
    Map<String, LinkedHashMap<String, Live>> rewritten = new LinkedHashMap<>();
    try (FileChannel out = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      for (Map.Entry<String, LinkedHashMap<String, Live>> queue : live.entrySet()) {
        LinkedHashMap<String, Live> entries = rewritten.computeIfAbsent(queue.getKey(), q -> new LinkedHashMap<>());
        for (Live entry : queue.getValue().values()) {
          ByteBuffer buffer = ByteBuffer.wrap(lineBytes(new PutLine(queue.getKey(), entry.message())));
          entries.put(entry.message().id(), new Live(entry.message(), buffer.capacity()));
          bytes += buffer.capacity();
          while (buffer.hasRemaining()) {
            out.write(buffer);
          }
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
    live.clear();
    live.putAll(rewritten);
    channel = FileChannel.open(file, StandardOpenOption.WRITE);
    goodSize = channel.size();
    liveBytes = bytes;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
