package dev.verodestination.local.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.verodestination.config.InvalidSettingException;
import dev.verodestination.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;

/**
 * The embedded queues' messages on disk, in SQLite ({@code DATA_DIR/queues.db}, write-ahead log):
 * each change committed before ElasticMQ answers, so a process killed at any moment leaves every
 * change it acknowledged. One row a live message, in the order the messages came ({@code seq}); a
 * receive or a visibility change rewrites its row in place. Each row carries a CRC-32C of its
 * message, so that a row changed behind the runner's back reads as damage rather than as a message.
 * The runner holds it exclusively while it runs (a second runner on the same DATA_DIR would deliver
 * every message twice); once it has stopped, a person can read it with
 * {@code sqlite3 queues.db 'select queue, message from message'}.
 */
public final class QueueDatabase implements MessageStore, AutoCloseable {

  public static final String FILE_NAME = "queues.db";
  // seq is the rowid: a new row takes one past the largest live one, so the rows stay in the order they came
  private static final String SCHEMA = "create table if not exists message (seq integer primary key, "
      + "queue text not null, id text not null, message text not null, crc integer not null, unique (queue, id))";
  /** The runner's suppressed users, by the SHA-256 of their userId. */
  private static final String SUPPRESSED_SCHEMA = "create table if not exists suppressed_user (hash text primary key, since text not null)";

  private final Path file;
  private final Connection db;
  private final PreparedStatement upsert;
  private final PreparedStatement delete;

  private QueueDatabase(Path file, Connection db) throws SQLException {
    this.file = file;
    this.db = db;
    this.upsert = db.prepareStatement("insert into message (queue, id, message, crc) values (?, ?, ?, ?) "
        + "on conflict (queue, id) do update set message = excluded.message, crc = excluded.crc");
    this.delete = db.prepareStatement("delete from message where queue = ? and id = ?");
  }

  /**
   * Opens (or starts) the store in {@code folder}. A store that is there but damaged is refused
   * before anything is written to it: {@link StoreDamagedException} names the file and the way out.
   */
  public static QueueDatabase open(Path folder) throws IOException {
    Path file = folder.resolve(FILE_NAME);
    if (Files.exists(file)) {
      check(file);
    }
    return openFresh(file);
  }

  /** A new, empty store at {@code file}, for the salvage to fill. */
  static QueueDatabase openFresh(Path file) throws IOException {
    try {
      Connection db = connect(file, false);
      try (Statement statement = db.createStatement()) {
        statement.execute(SCHEMA);
        statement.execute(SUPPRESSED_SCHEMA);
        // a connection in exclusive locking mode keeps the lock of its first write: taken here, at once
        statement.execute("begin exclusive");
        statement.execute("commit");
      }
      return new QueueDatabase(file, db);
    } catch (SQLException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** Each queue's live messages, in the order they came. */
  public synchronized Map<String, List<StoredMessage>> messages() throws IOException {
    try {
      return read(db);
    } catch (SQLException | StoreDamagedException.Unreadable e) {
      throw new StoreDamagedException(file, e.getMessage());
    }
  }

  @Override
  public String place() {
    return file.getParent().toString();
  }

  /** The suppressed users' hashes. */
  public synchronized Set<String> suppressedUsers() throws IOException {
    Set<String> hashes = new HashSet<>();
    try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery("select hash from suppressed_user")) {
      while (rows.next()) {
        hashes.add(rows.getString(1));
      }
    } catch (SQLException e) {
      throw new IOException(e.getMessage(), e);
    }
    return hashes;
  }

  /** Adds ({@code suppressed}) or removes a user's hash; whether that changed the list. */
  public synchronized boolean suppress(String hash, boolean suppressed, Instant now) throws IOException {
    try (PreparedStatement change = db.prepareStatement(suppressed
        ? "insert into suppressed_user (hash, since) values (?, ?) on conflict (hash) do nothing"
        : "delete from suppressed_user where hash = ?")) {
      change.setString(1, hash);
      if (suppressed) {
        change.setString(2, now.toString());
      }
      return change.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public synchronized void put(String queue, StoredMessage message) throws IOException {
    String text = Json.MAPPER.writeValueAsString(message);
    try {
      upsert.setString(1, queue);
      upsert.setString(2, message.id());
      upsert.setString(3, text);
      upsert.setLong(4, crc(text));
      upsert.executeUpdate();
    } catch (SQLException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public synchronized void remove(String queue, String messageId) throws IOException {
    try {
      delete.setString(1, queue);
      delete.setString(2, messageId);
      delete.executeUpdate();
    } catch (SQLException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      db.close();
    } catch (SQLException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** SQLite's own check and every row read back, on a connection that cannot write (so a damaged file stays as it is). */
  private static void check(Path file) {
    try (Connection reader = connect(file, true)) {
      try (Statement statement = reader.createStatement(); ResultSet result = statement.executeQuery("pragma quick_check")) {
        String verdict = result.next() ? result.getString(1) : "no answer";
        if (!verdict.equals("ok")) {
          throw new StoreDamagedException(file, "SQLite's quick_check says: " + verdict);
        }
      }
      read(reader);
    } catch (SQLException e) {
      if (e.getErrorCode() == SQLiteErrorCode.SQLITE_BUSY.code || e.getErrorCode() == SQLiteErrorCode.SQLITE_LOCKED.code) {
        throw new InvalidSettingException("setting DATA_DIR: another runner is using " + file.getParent() + " (its queue store "
            + file.getFileName() + " is locked): stop that one, or give this one a DATA_DIR of its own");
      }
      throw new StoreDamagedException(file, e.getMessage());
    } catch (StoreDamagedException.Unreadable e) {
      throw new StoreDamagedException(file, e.getMessage());
    }
  }

  static Connection connect(Path file, boolean readOnly) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    if (!readOnly) {
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      config.setLockingMode(SQLiteConfig.LockingMode.EXCLUSIVE);
    }
    // no fsync, as the journal before it: a killed process loses nothing the store committed (the OS has it),
    // a power cut may lose the last commits or damage the file, which the next start finds (quick_check,
    // each row's CRC) and salvage-store mends; an fsync a commit cost 5-10 times the write here
    config.setSynchronous(SQLiteConfig.SynchronousMode.OFF);
    config.setBusyTimeout(5_000);
    // the log is folded into the database every 32 pages (128 KB), not 1,000: the runner's disk use stays near what is live
    config.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, "32");
    config.setReadOnly(readOnly);
    return config.createConnection("jdbc:sqlite:" + file);
  }

  static Map<String, List<StoredMessage>> read(Connection db) throws SQLException, StoreDamagedException.Unreadable {
    Map<String, List<StoredMessage>> messages = new LinkedHashMap<>();
    try (Statement statement = db.createStatement();
         ResultSet rows = statement.executeQuery("select seq, queue, message, crc from message order by seq")) {
      while (rows.next()) {
        messages.computeIfAbsent(rows.getString(2), q -> new ArrayList<>()).add(row(rows.getLong(1), rows.getString(3), rows.getLong(4)));
      }
    }
    return messages;
  }

  /** One row's message, or why it cannot be one. */
  static StoredMessage row(long seq, String text, long crc) throws StoreDamagedException.Unreadable {
    if (text == null || crc(text) != crc) {
      throw new StoreDamagedException.Unreadable("row " + seq + " does not match its checksum");
    }
    try {
      StoredMessage message = Json.MAPPER.readValue(text, StoredMessage.class);
      if (message.id() == null || message.body() == null || message.created() == null) {
        throw new StoreDamagedException.Unreadable("row " + seq + " is not a whole message");
      }
      return message;
    } catch (JsonProcessingException e) {
      throw new StoreDamagedException.Unreadable("row " + seq + " is not a message");
    }
  }

  static long crc(String text) {
    CRC32C crc = new CRC32C();
    crc.update(text.getBytes(StandardCharsets.UTF_8));
    return crc.getValue();
  }
}
