package dev.verodestination.local.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.elasticmq.actor.queue.InternalMessage;
import org.elasticmq.persistence.sql.DBMessage;
import scala.Option;

/**
 * Carries a DATA_DIR over from the runner's earlier queue store, ElasticMQ's own (H2, {@code queues.mv.db}):
 * its messages go into the queue database, each queue's in the order they were sent, and the old file is
 * renamed so that this happens once.
 */
public final class H2StoreImport {

  public static final String OLD_FILE = "queues.mv.db";
  public static final String IMPORTED_SUFFIX = ".imported";

  private H2StoreImport() {}

  /** Returns how many messages were carried over; 0 when there is no old store. */
  public static int carryOver(Path dataDir, MessageStore store) throws IOException {
    Path old = dataDir.resolve(OLD_FILE);
    if (!Files.exists(old)) {
      return 0;
    }
    int carried = 0;
    // TRACE_LEVEL_FILE=0: H2 writes no trace file of its own beside the data
    String url = "jdbc:h2:file:" + dataDir.resolve("queues") + ";ACCESS_MODE_DATA=r;TRACE_LEVEL_FILE=0";
    try (Connection db = DriverManager.getConnection(url, "", "")) {
      for (String queue : queueNames(db)) {
        for (StoredMessage message : messages(db, queue)) {
          store.put(queue, message);
          carried++;
        }
      }
    } catch (SQLException e) {
      throw new IOException("the messages of the earlier queue store " + old + " could not be read (" + e.getMessage() + ")", e);
    }
    Files.move(old, old.resolveSibling(OLD_FILE + IMPORTED_SUFFIX), StandardCopyOption.REPLACE_EXISTING);
    return carried;
  }

  private static List<String> queueNames(Connection db) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery("select name from queue order by name")) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    return names;
  }

  /** ElasticMQ's own table for a queue (its MessageRepository's name), oldest first. */
  private static List<StoredMessage> messages(Connection db, String queue) throws SQLException {
    String table = "message_" + queue.replace(".", "_").replace("-", "_") + "_" + Integer.toHexString(queue.hashCode());
    List<StoredMessage> messages = new ArrayList<>();
    try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery("select * from " + table
        + " order by created, cast(coalesce(sequence_number, '0') as bigint)")) {
      while (rows.next()) {
        long received = rows.getLong("received");
        Option<Object> firstReceive = rows.wasNull() ? Option.empty() : Option.apply(received);
        InternalMessage message = new DBMessage(rows.getString("message_id"), rows.getBytes("delivery_receipts"), rows.getLong("next_delivery"),
            rows.getBytes("content"), rows.getBytes("attributes"), rows.getLong("created"),
            firstReceive,
            rows.getInt("receive_count"), Option.apply(rows.getString("group_id")), Option.apply(rows.getString("deduplication_id")),
            Option.apply(rows.getString("tracing_id")), Option.apply(rows.getString("sequence_number")),
            Option.apply(rows.getString("dead_letter_source_queue_name"))).toInternalMessage();
        StoredMessage stored = StoredMessage.of(message);
        // the old store kept the time to the millisecond only: the place in this list orders a batch's messages
        messages.add(new StoredMessage(stored.id(), stored.body(), stored.attributes(), stored.created(), messages.size(),
            stored.nextDelivery(), stored.receiveCount(), stored.firstReceived(), stored.groupId(), stored.deduplicationId(),
            stored.tracingId(), stored.sequenceNumber(), stored.deadLetterSourceQueue(), stored.receipts()));
      }
    }
    return messages;
  }
}
