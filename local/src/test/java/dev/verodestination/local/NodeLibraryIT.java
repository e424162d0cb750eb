package dev.verodestination.local;

import static dev.verodestination.testing.Eventually.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.NpmPackages;
import dev.verodestination.testing.FakeHttpServer.Reply;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Segment's analytics-node, from its npm package, in node, against the runner: its batches all arrive. */
class NodeLibraryIT {

  private static final String VERSION = "3.1.0";
  private static final int USERS = 10;
  private static final int EVENTS_PER_USER = 20;

  private static final String SCRIPT = """
      const { Analytics } = require('@segment/analytics-node');
      const analytics = new Analytics({ writeKey: process.env.WRITE_KEY, host: process.env.HOST, flushAt: 25 });
      const errors = [];
      analytics.on('error', (e) => errors.push(String(e && (e.reason || e.code || e))));
      for (let user = 0; user < %d; user++) {
        analytics.identify({ userId: 'node-' + user, traits: { email: 'node-' + user + '@example.com' } });
        for (let i = 0; i < %d; i++) {
          analytics.track({ userId: 'node-' + user, event: 'Step ' + i, properties: { i } });
        }
      }
      analytics.closeAndFlush({ timeout: 30000 }).then(() => {
        console.log('ERRORS ' + JSON.stringify(errors));
      });
      """.formatted(USERS, EVENTS_PER_USER);

  @Test
  void everyEventOfTheNodeLibraryReachesVeroOnce() throws Exception {
    NpmPackages.install("@segment/analytics-node", VERSION);
    try (FakeHttpServer vero = new FakeHttpServer(r -> Reply.ok());
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), Map.of())) {
      ProcessBuilder builder = new ProcessBuilder("node", "-e", SCRIPT).directory(NpmPackages.PREFIX.toFile()).redirectErrorStream(true);
      builder.environment().put("WRITE_KEY", Pipeline.WRITE_KEY);
      builder.environment().put("HOST", "http://127.0.0.1:" + pipeline.runner.port());
      Process node = builder.start();
      String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(node.waitFor(60, TimeUnit.SECONDS), output);
      assertEquals(0, node.exitValue(), output);
      assertTrue(output.contains("ERRORS []"), "the library reported no error: " + output);

      int expected = USERS * (1 + EVENTS_PER_USER);
      waitFor(expected + " calls at Vero", Duration.ofSeconds(60), () -> vero.processed().size() == expected,
          () -> vero.processed().size() + " so far");
      for (int user = 0; user < USERS; user++) {
        String id = "\"node-" + user + "\"";
        var steps = vero.processed().stream().filter(r -> r.body().contains(id) && r.path().endsWith("/events/track"))
            .map(r -> r.body().replaceAll(".*\"event_name\":\"Step (\\d+)\".*", "$1")).map(Integer::parseInt).toList();
        // analytics-node sends several batches at once, so only their arrival is the user's order
        assertEquals(java.util.stream.IntStream.range(0, EVENTS_PER_USER).boxed().toList(), steps.stream().sorted().toList());
      }
      assertTrue(pipeline.log().lines().filter(l -> l.contains("\"path\":\"/v1/batch\"")).allMatch(l -> l.contains("\"status\":200")));
    }
  }
}
