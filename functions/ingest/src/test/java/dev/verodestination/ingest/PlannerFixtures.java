package dev.verodestination.ingest;

import dev.verodestination.http.BasicAuth;
import dev.verodestination.ingest.IngestResult.Plan;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import dev.verodestination.ingest.rules.DestinationRules;
import dev.verodestination.segment.AnonymousUsers;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A planner with a fixed clock and predictable message ids, and requests built the way clients send them. */
final class PlannerFixtures {

  static final String WRITE_KEY = "wk_test_1f0c9a";
  static final String SECRET = "whsec_test_77ab";
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  private PlannerFixtures() {}

  static IngestPlanner planner() {
    return planner(DestinationRules.NONE);
  }

  static IngestPlanner planner(DestinationRules rules) {
    AtomicInteger ids = new AtomicInteger();
    return new IngestPlanner(new IngestAuth(List.of("other-key", WRITE_KEY), Optional.of(SECRET)),
        Clock.fixed(NOW, ZoneOffset.UTC), () -> "generated-" + ids.incrementAndGet(), Optional.empty(), AnonymousUsers.SKIP, rules);
  }

  static String basic(String user) {
    return BasicAuth.header(user);
  }

  static IngestRequest request(String path, String body) {
    return request(path, body.getBytes(StandardCharsets.UTF_8));
  }

  static IngestRequest request(String path, byte[] body) {
    return new IngestRequest(IngestRoute.fromPath(path).orElseThrow(), body, "application/json", basic(WRITE_KEY), null);
  }

  static Plan plan(String path, String body) {
    return plan(DestinationRules.NONE, path, body);
  }

  static Plan plan(DestinationRules rules, String path, String body) {
    IngestResult result = planner(rules).planPost(request(path, body));
    if (result instanceof Plan plan) {
      return plan;
    }
    throw new AssertionError("expected a plan, got " + result);
  }
}
