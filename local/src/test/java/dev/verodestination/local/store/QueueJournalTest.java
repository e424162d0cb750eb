package dev.verodestination.local.store;

import static dev.verodestination.local.store.StoredMessageTest.message;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueJournalTest {

  @TempDir
  Path folder;

  @Test
  void whatIsLiveWhenTheProcessDiesIsWhatTheNextOneReads() throws Exception {
    QueueJournal journal = QueueJournal.open(folder);
    journal.put("events.fifo", message("a", "u1", "2026-12-06T10:00:00Z", 0, 1L));
    journal.put("events.fifo", message("b", "u1", "2026-12-06T10:00:01Z", 0, 1L));
    journal.put("dlq.fifo", message("c", "u2", "2026-12-06T10:00:02Z", 0, 1L));
    journal.put("events.fifo", message("a", "u1", "2026-12-06T10:00:00Z", 0, 99L));
    journal.remove("dlq.fifo", "c");
    journal.remove("dlq.fifo", "never-there");
    // no close: as after a kill

    QueueJournal reopened = QueueJournal.open(folder);
    Map<String, List<StoredMessage>> messages = reopened.messages();
    assertEquals(List.of("a", "b"), messages.get("events.fifo").stream().map(StoredMessage::id).toList());
    assertEquals(99L, messages.get("events.fifo").get(0).nextDelivery(), "a message's latest change is the one read back");
    assertEquals(List.of(), messages.get("dlq.fifo"));
    assertEquals(0, reopened.unreadableLines());
    assertEquals(2, Files.readAllLines(folder.resolve(QueueJournal.FILE_NAME)).size(), "opening rewrites the file to what is live");
  }

  @Test
  void aLineCutShortByAKillIsCountedAndSkipped() throws Exception {
    QueueJournal journal = QueueJournal.open(folder);
    journal.put("events.fifo", message("a", "u1", "2026-12-06T10:00:00Z", 0, 1L));
    Files.writeString(folder.resolve(QueueJournal.FILE_NAME), "{\"put\":\"events.fifo\",\"message\":{\"id\":\"b\",\"bo",
        StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    QueueJournal reopened = QueueJournal.open(folder);
    assertEquals(List.of("a"), reopened.messages().get("events.fifo").stream().map(StoredMessage::id).toList());
    assertEquals(1, reopened.unreadableLines());
    reopened.put("events.fifo", message("c", "u1", "2026-12-06T10:00:03Z", 0, 1L));
    assertEquals(List.of("a", "c"), QueueJournal.open(folder).messages().get("events.fifo").stream().map(StoredMessage::id).toList());
  }

  @Test
  void aWriteCutShortIsCutOffBeforeTheNextOne() throws Exception {
    QueueJournal journal = QueueJournal.open(folder);
    journal.put("events.fifo", message("a", "u1", "2026-12-06T10:00:00Z", 0, 1L));
    // what a full disk leaves behind: part of a line the journal did not finish
    Files.writeString(folder.resolve(QueueJournal.FILE_NAME), "{\"remove\":\"events.fi", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    journal.put("events.fifo", message("b", "u1", "2026-12-06T10:00:01Z", 0, 1L));

    QueueJournal reopened = QueueJournal.open(folder);
    assertEquals(List.of("a", "b"), reopened.messages().get("events.fifo").stream().map(StoredMessage::id).toList());
    assertEquals(0, reopened.unreadableLines());
  }
}
