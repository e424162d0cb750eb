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
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Server libraries for Node, from their npm packages, in node, against the runner: their batches all
 * arrive. Segment's analytics-node, and RudderStack's Node SDK, which a team moving off RudderStack
 * points here: it gzips each batch and labels it {@code application/x-www-form-urlencoded}.
 */
class NodeLibraryIT {

  private static final int USERS = 10;
  private static final int EVENTS_PER_USER = 20;

  record NodeLibrary(String name, String version, String script) {
    @Override
    public String toString() {
      return name + "@" + version;
    }
  }

  private static final String SEGMENT = """
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

  /** gzip is this SDK's default (3.x); said here so that the test keeps meaning it. */
  private static final String RUDDERSTACK = """
      const Analytics = require('@rudderstack/rudder-sdk-node');
      const errors = [];
      const analytics = new Analytics(process.env.WRITE_KEY, { dataPlaneUrl: process.env.HOST, flushAt: 25, gzip: true,
        retryCount: 0, errorHandler: (e) => errors.push(String(e && (e.message || e))) });
      for (let user = 0; user < %d; user++) {
        analytics.identify({ userId: 'node-' + user, traits: { email: 'node-' + user + '@example.com' } });
        for (let i = 0; i < %d; i++) {
          analytics.track({ userId: 'node-' + user, event: 'Step ' + i, properties: { i } });
        }
      }
      // flush() sends one batch of flushAt at a time
      (async () => {
        while (analytics.queue.length > 0) await analytics.flush();
        await analytics.flush();
      })().then(() => console.log('ERRORS ' + JSON.stringify(errors)),
        (e) => console.log('ERRORS ' + JSON.stringify(errors.concat(String(e)))));
      """.formatted(USERS, EVENTS_PER_USER);

  static Stream<NodeLibrary> libraries() {
    return Stream.of(new NodeLibrary("@segment/analytics-node", "3.1.0", SEGMENT),
        new NodeLibrary("@rudderstack/rudder-sdk-node", "3.0.13", RUDDERSTACK));
  }

  @ParameterizedTest
  @MethodSource("libraries")
  void everyEventOfTheNodeLibraryReachesVeroOnce(NodeLibrary library) throws Exception {
    NpmPackages.install(library.name(), library.version());
    try (FakeHttpServer vero = new FakeHttpServer(r -> Reply.ok());
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), Map.of())) {
      ProcessBuilder builder = new ProcessBuilder("node", "-e", library.script()).directory(NpmPackages.PREFIX.toFile()).redirectErrorStream(true);
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
