package dev.verodestination.local.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.sqlite.SQLiteErrorCode;

/**
 * The way out of a damaged queue store ({@value #COMMAND}): every row that can still be read as a
 * message goes into a new store, and the damaged file (with its write-ahead log) is moved aside
 * beside it, named with the time, never changed; one JSON line says how many messages were kept and
 * how many rows could not be read.
 */
public final class StoreSalvage {

  public static final String COMMAND = "salvage-store";
  /** The files SQLite keeps a database in: the database, its write-ahead log and the log's index. */
  private static final List<String> FILE_SUFFIXES = List.of("", "-wal", "-shm");

  /** What a salvage did. {@code unreadableRows} is -1 when not even the number of rows could be read. */
  public record Salvaged(int messages, long unreadableRows, Path setAside) {}

  private StoreSalvage() {}

  /** Runs the command on {@code dataDir}; returns the process's exit code. */
  public static int run(Path dataDir, Clock clock, PrintStream out, PrintStream err) {
    Path file = dataDir.resolve(QueueDatabase.FILE_NAME);
    if (!Files.exists(file)) {
      err.println(Json.string(Json.object().put("error", "there is no queue store at " + file + ": nothing to salvage")));
      return 2;
    }
    try {
      Salvaged salvaged = salvage(dataDir, clock);
      ObjectNode line = Json.object().put("message", "queue store salvaged").put("messages", salvaged.messages())
          .put("setAside", salvaged.setAside().toString());
      if (salvaged.unreadableRows() >= 0) {
        line.put("unreadableRows", salvaged.unreadableRows());
      } else {
        line.put("unreadableRows", "unknown: the file's table could not be read at all");
      }
      out.println(Json.string(line));
      return 0;
    } catch (IOException e) {
      err.println(Json.string(Json.object().put("error", "the salvage of " + file + " failed, nothing was moved: " + e.getMessage())));
      return 1;
    }
  }

  static Salvaged salvage(Path dataDir, Clock clock) throws IOException {
    Path damaged = dataDir.resolve(QueueDatabase.FILE_NAME);
    Path next = dataDir.resolve(QueueDatabase.FILE_NAME + ".salvaging");
    for (String suffix : FILE_SUFFIXES) {
      Files.deleteIfExists(Path.of(next + suffix));
    }
    int kept = 0;
    long unreadable;
    try (QueueDatabase fresh = QueueDatabase.openFresh(next)) {
      long[] counts = copyReadable(damaged, fresh);
      kept = (int) counts[0];
      unreadable = counts[1];
    } catch (IOException e) {
      for (String suffix : FILE_SUFFIXES) {
        Files.deleteIfExists(Path.of(next + suffix));
      }
      throw e;
    }
    Path aside = dataDir.resolve(QueueDatabase.FILE_NAME + ".damaged-" + clock.instant().getEpochSecond());
    for (String suffix : FILE_SUFFIXES) {
      Path part = Path.of(damaged + suffix);
      if (Files.exists(part)) {
        Files.move(part, Path.of(aside + suffix));
      }
    }
    for (String suffix : FILE_SUFFIXES) {
      Path part = Path.of(next + suffix);
      if (Files.exists(part)) {
        Files.move(part, Path.of(damaged + suffix), StandardCopyOption.ATOMIC_MOVE);
      }
    }
    return new Salvaged(kept, unreadable, aside);
  }

  /**
   * Reads the damaged file row by row, read-only; returns {messages kept, rows unreadable}, the
   * second -1 when the table cannot be read at all. A row at a time, so that a damaged page costs the
   * rows on it, not every row after it.
   */
  private static long[] copyReadable(Path damaged, QueueDatabase fresh) throws IOException {
    long kept = 0;
    long unreadable = 0;
    try (Connection reader = QueueDatabase.connect(damaged, true)) {
      long first;
      long last;
      try (Statement statement = reader.createStatement(); ResultSet range = statement.executeQuery("select min(seq), max(seq) from message")) {
        range.next();
        first = range.getLong(1);
        last = range.getLong(2);
      } catch (SQLException unreadableTable) {
        refuseIfInUse(unreadableTable);
        return new long[] {0, -1};
      }
      try (PreparedStatement row = reader.prepareStatement("select queue, message, crc from message where seq = ?")) {
        for (long seq = first; seq <= last && last > 0; seq++) {
          row.setLong(1, seq);
          try (ResultSet result = row.executeQuery()) {
            if (!result.next()) {
              continue;
            }
            fresh.put(result.getString(1), QueueDatabase.row(seq, result.getString(2), result.getLong(3)));
            kept++;
          } catch (SQLException | StoreDamagedException.Unreadable e) {
            unreadable++;
          }
        }
      }
    } catch (SQLException notADatabase) {
      refuseIfInUse(notADatabase);
      return new long[] {kept, -1};
    }
    return new long[] {kept, unreadable};
  }

  /** A runner holds the store: nothing is to be moved from under it. */
  private static void refuseIfInUse(SQLException e) throws IOException {
    if (e.getErrorCode() == SQLiteErrorCode.SQLITE_BUSY.code || e.getErrorCode() == SQLiteErrorCode.SQLITE_LOCKED.code) {
      throw new IOException("a running runner holds it: stop the runner first");
    }
  }
}
