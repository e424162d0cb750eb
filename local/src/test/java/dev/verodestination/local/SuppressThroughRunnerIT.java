package dev.verodestination.local;

import static dev.verodestination.testing.Eventually.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.deliver.suppress.SuppressedUsers;
import dev.verodestination.local.OperatorCommandsIT.Ran;
import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.FakeHttpServer.Reply;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #29, finding 6: a forgotten person came back with their next track. {@code forget --suppress}
 * and {@code suppress} keep them out of Vero (skipped before any call, reason {@code suppressed}),
 * across a restart of the runner; {@code unsuppress} lets them through again; blank ids are a usage
 * error.
 */
class SuppressThroughRunnerIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private static long callsFor(FakeHttpServer vero, String user) {
    return VeroFakes.messageCalls(vero.processed()).stream().filter(r -> r.body().contains("\"" + user + "\"")).count();
  }

  @Test
  void aForgottenAndSuppressedUserStaysOutOfVeroAcrossARestartUntilUnsuppressed(@TempDir Path dataDir) throws Exception {
    try (FakeHttpServer vero = new FakeHttpServer(r -> Reply.ok())) {
      URI api = URI.create(vero.baseUri() + "/api/v2");
      try (Pipeline pipeline = new Pipeline(api, Map.of("DATA_DIR", dataDir.toString()))) {
        assertEquals(200, pipeline.post("/v1/track", "{\"userId\":\"ivy\",\"event\":\"Signed Up\"}").statusCode());
        waitFor("ivy at Vero", PATIENCE, () -> callsFor(vero, "ivy") == 1);

        Ran forget = OperatorCommandsIT.operator(pipeline, "forget", "ivy", "--suppress", "--json");
        assertEquals(0, forget.exit(), forget.err());
        assertTrue(forget.json().at("/users/0/suppressed").asBoolean(), forget.out());
        waitFor("ivy deleted in Vero", PATIENCE, () -> vero.processed().stream().anyMatch(r -> r.path().endsWith("/users/delete")));

        assertEquals(200, pipeline.post("/v1/batch", "{\"batch\":[{\"type\":\"track\",\"userId\":\"ivy\",\"event\":\"Came Back\"},"
            + "{\"type\":\"identify\",\"userId\":\"ivy\",\"traits\":{\"email\":\"ivy@example.com\"}},"
            + "{\"type\":\"track\",\"userId\":\"jon\",\"event\":\"Signed Up\"}]}").statusCode());
        waitFor("jon at Vero and ivy's two skipped", PATIENCE, () -> callsFor(vero, "jon") == 1
            && pipeline.log().split("\"message\":\"delivery skipped\"", -1).length - 1 == 2);
        assertEquals(2, callsFor(vero, "ivy"), "her first track and her delete only: " + vero.processed());
        assertTrue(pipeline.log().contains("\"message\":\"delivery skipped\"") && pipeline.log().contains("\"reason\":\"suppressed\""));
        assertFalse(pipeline.log().contains(SuppressedUsers.hash("ivy")), "the hash is kept, not logged");
        waitFor("the runner counts them", PATIENCE, () -> pipeline.runner.counters().skipped() == 2);
      }
      try (SqliteReader db = new SqliteReader(dataDir.resolve("queues.db"))) {
        assertEquals(List.of(SuppressedUsers.hash("ivy")), db.column("select hash from suppressed_user"), "no id in clear");
      }

      try (Pipeline restarted = new Pipeline(api, Map.of("DATA_DIR", dataDir.toString()))) {
        assertTrue(restarted.log().contains("\"suppressedUsers\":1"), restarted.log());
        assertEquals(200, restarted.post("/v1/track", "{\"userId\":\"ivy\",\"event\":\"After Restart\"}").statusCode());
        waitFor("skipped after the restart too", PATIENCE, () -> restarted.runner.counters().skipped() == 1);

        Ran unsuppress = OperatorCommandsIT.operator(restarted, "unsuppress", "ivy", "--json");
        assertEquals(0, unsuppress.exit(), unsuppress.err());
        assertEquals(true, unsuppress.json().at("/users/0/changed").asBoolean(), unsuppress.out());
        assertEquals(200, restarted.post("/v1/track", "{\"userId\":\"ivy\",\"event\":\"Welcome Back\"}").statusCode());
        waitFor("ivy at Vero again", PATIENCE, () -> callsFor(vero, "ivy") == 3);

        Ran again = OperatorCommandsIT.operator(restarted, "suppress", "ivy", "--json");
        JsonNode twice = OperatorCommandsIT.operator(restarted, "suppress", "ivy", "--json").json();
        assertEquals(0, again.exit(), again.err());
        assertFalse(twice.at("/users/0/changed").asBoolean(), "suppressed already: " + twice);
      }
    }
  }

  @Test
  void blankUserIdsAreAUsageErrorAndNothingIsQueued() throws Exception {
    try (FakeHttpServer vero = new FakeHttpServer(r -> Reply.ok());
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), Map.of())) {
      for (List<String> command : List.of(List.of("forget", ""), List.of("forget", " "), List.of("suppress", "\t"),
          List.of("unsuppress", "ok", " "))) {
        Ran ran = OperatorCommandsIT.operator(pipeline, command.toArray(String[]::new));
        assertEquals(2, ran.exit(), command + ": " + ran.out());
        assertTrue(ran.err().contains(command.get(0) + ": a userId must not be blank"), ran.err());
      }
      Thread.sleep(1500);
      assertEquals(0, pipeline.runner.counters().received(), "nothing was queued");
    }
  }

  /** The runner's database as a person reads it once the runner has stopped. */
  private static final class SqliteReader implements AutoCloseable {
    private final java.sql.Connection db;

    SqliteReader(Path file) throws Exception {
      assertTrue(Files.exists(file));
      db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    List<String> column(String query) throws Exception {
      List<String> values = new java.util.ArrayList<>();
      try (var statement = db.createStatement(); var rows = statement.executeQuery(query)) {
        while (rows.next()) {
          values.add(rows.getString(1));
        }
      }
      return values;
    }

    @Override
    public void close() throws Exception {
      db.close();
    }
  }
}
