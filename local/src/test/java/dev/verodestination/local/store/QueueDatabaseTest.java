package dev.verodestination.local.store;

import static dev.verodestination.local.store.StoredMessageTest.message;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's queue store in SQLite: what is live survives a kill, and damage stops the runner and is salvaged, never lost. */
class QueueDatabaseTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T03:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path folder;

  private Path file() {
    return folder.resolve(QueueDatabase.FILE_NAME);
  }

  private void storeThirty() throws Exception {
    QueueDatabase store = QueueDatabase.open(folder);
    for (int i = 0; i < 30; i++) {
      store.put("events.fifo", message("m" + i, "u" + (i % 3), "2026-12-06T10:00:" + String.format("%02d", i) + "Z", 0, 1L));
    }
    store.close();
  }

  /** An edit made with the database's own tools, as a person (or a stray process) could make it. */
  private void sql(String statement) throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement run = db.createStatement()) {
      run.execute(statement);
    }
  }

  @Test
  void whatIsLiveWhenTheProcessDiesIsWhatTheNextOneReads() throws Exception {
    QueueDatabase store = QueueDatabase.open(folder);
    store.put("events.fifo", message("a", "u1", "2026-12-06T10:00:00Z", 0, 1L));
    store.put("events.fifo", message("b", "u1", "2026-12-06T10:00:01Z", 0, 1L));
    store.put("dlq.fifo", message("c", "u2", "2026-12-06T10:00:02Z", 0, 1L));
    store.put("events.fifo", message("a", "u1", "2026-12-06T10:00:00Z", 0, 99L));
    store.remove("dlq.fifo", "c");
    store.remove("dlq.fifo", "never-there");
    dev.verodestination.config.InvalidSettingException second = assertThrows(dev.verodestination.config.InvalidSettingException.class,
        () -> QueueDatabase.open(folder));
    assertEquals("setting DATA_DIR: another runner is using " + folder + " (its queue store queues.db is locked): stop that one, or "
        + "give this one a DATA_DIR of its own", second.getMessage());
    // the lock goes with the process; a kill -9 leaves the rest as it is (QueueStoreIT kills the runner's jar)
    store.close();

    Map<String, List<StoredMessage>> messages = QueueDatabase.open(folder).messages();
    assertEquals(List.of("a", "b"), messages.get("events.fifo").stream().map(StoredMessage::id).toList(), "in the order they came");
    assertEquals(99L, messages.get("events.fifo").get(0).nextDelivery(), "a message's latest change is the one read back");
    assertEquals(message("b", "u1", "2026-12-06T10:00:01Z", 0, 1L), messages.get("events.fifo").get(1), "every field kept");
    assertFalse(messages.containsKey("dlq.fifo"));
  }

  @Test
  void aRowChangedBehindTheRunnersBackStopsItNamingTheFileAndTheWayOutAndIsLeftAsItIs() throws Exception {
    // issue #29, finding 1: a damaged journal line was skipped as "cut short by a kill", and an edit delivered as edited
    storeThirty();
    sql("update message set message = replace(message, '\"receiveCount\":2', '\"receiveCount\":0') where id = 'm7'");
    byte[] before = Files.readAllBytes(file());
    StoreDamagedException damaged = assertThrows(StoreDamagedException.class, () -> QueueDatabase.open(folder));
    assertEquals("the queue store " + file() + " is damaged (row 8 does not match its checksum); it is left as it is. Run "
        + "`java -jar vero-destination-local.jar salvage-store` (with the same DATA_DIR) to keep every message that can be read in a "
        + "new store and set the damaged file aside beside it, then start the runner again", damaged.getMessage());
    assertArrayEquals(before, Files.readAllBytes(file()), "nothing written to the damaged store");
  }

  @Test
  void aFileThatIsNotADatabaseStopsItToo() throws Exception {
    Files.writeString(file(), "{\"put\":1}\n".repeat(200));
    byte[] before = Files.readAllBytes(file());
    StoreDamagedException damaged = assertThrows(StoreDamagedException.class, () -> QueueDatabase.open(folder));
    assertTrue(damaged.getMessage().startsWith("the queue store " + file() + " is damaged ("), damaged.getMessage());
    assertArrayEquals(before, Files.readAllBytes(file()));
  }

  @Test
  void theSalvageKeepsEveryReadableMessageAndSetsTheDamagedFileAsideSayingHowManyRowsItHeld() throws Exception {
    storeThirty();
    sql("update message set crc = crc + 1 where id = 'm7'");
    byte[] damaged = Files.readAllBytes(file());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertEquals(0, StoreSalvage.run(folder, CLOCK, new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
    Path aside = folder.resolve("queues.db.damaged-" + CLOCK.instant().getEpochSecond());
    assertEquals("{\"message\":\"queue store salvaged\",\"messages\":29,\"setAside\":\"" + aside + "\",\"unreadableRows\":1}",
        out.toString(StandardCharsets.UTF_8).trim());
    assertArrayEquals(damaged, Files.readAllBytes(aside), "the damaged file kept as it was");
    List<String> ids = QueueDatabase.open(folder).messages().get("events.fifo").stream().map(StoredMessage::id).toList();
    assertEquals(29, ids.size());
    assertFalse(ids.contains("m7"));
    assertEquals("m0", ids.get(0));
    assertEquals("m29", ids.get(28), "in the order they came");
  }

  @Test
  void theSalvageMovesNothingFromUnderARunnerThatHoldsTheStore() throws Exception {
    storeThirty();
    try (QueueDatabase held = QueueDatabase.open(folder)) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      assertEquals(1, StoreSalvage.run(folder, CLOCK, System.out, new PrintStream(err, true, StandardCharsets.UTF_8)));
      assertEquals("{\"error\":\"the salvage of " + file() + " failed, nothing was moved: a running runner holds it: stop the runner "
          + "first\"}", err.toString(StandardCharsets.UTF_8).trim());
      try (var files = Files.list(folder)) {
        assertEquals(List.of("queues.db"), files.map(f -> f.getFileName().toString()).filter(n -> !n.endsWith("-wal") && !n.endsWith("-shm"))
            .toList());
      }
      assertEquals(30, held.messages().get("events.fifo").size());
    }
  }

  @Test
  void theSalvageOfAFileWithNoReadableTableSaysSoAndStillSetsItAside() throws Exception {
    Files.writeString(file(), "not a database at all ".repeat(500));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertEquals(0, StoreSalvage.run(folder, CLOCK, new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"messages\":0,"), out.toString(StandardCharsets.UTF_8));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"unreadableRows\":\"unknown: the file's table could not be read at all\""));
    assertEquals(Map.of(), QueueDatabase.open(folder).messages(), "a new, empty store in its place");
    assertTrue(Files.exists(folder.resolve("queues.db.damaged-" + CLOCK.instant().getEpochSecond())));
  }

  @Test
  void anEarlierJournalIsCarriedOverOnceAndKeptWithTheLinesItCouldNotRead() throws Exception {
    StringBuilder journal = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      String line = dev.verodestination.json.Json.MAPPER.writeValueAsString(Map.of("put", "events.fifo", "message",
          message("m" + i, "u1", "2026-12-06T10:00:" + String.format("%02d", i) + "Z", 0, 1L)));
      journal.append(i == 12 ? line.substring(0, 40) + "}" : line).append('\n');
    }
    journal.append("{\"put\":1}\n");
    journal.append("{\"remove\":\"events.fifo\",\"id\":\"m3\"}\n");
    Path old = folder.resolve(JournalImport.OLD_FILE);
    Files.writeString(old, journal);
    QueueDatabase store = QueueDatabase.open(folder);
    assertEquals(new JournalImport.Carried(28, 2), JournalImport.carryOver(folder, store));
    assertEquals(journal.toString(), Files.readString(folder.resolve(JournalImport.OLD_FILE + JournalImport.IMPORTED_SUFFIX)),
        "the journal kept whole, its unreadable line with it");
    assertFalse(Files.exists(old));
    assertEquals(new JournalImport.Carried(0, 0), JournalImport.carryOver(folder, store), "once");
    assertEquals(28, store.messages().get("events.fifo").size());
  }
}
