package dev.verodestination.vero;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.verodestination.http.HttpClients;
import dev.verodestination.http.HttpOutcomes;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VeroClientTest {

  private final VeroClient client = new VeroClient(HttpClients.create(Duration.ofSeconds(1)), URI.create("http://127.0.0.1:9"),
      Duration.ofSeconds(1), "secret-token", Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC));

  @Test
  void classifiesEachStatusAsDesigned() {
    assertEquals(new VeroOutcome.Delivered(200), client.classify(200, "", Optional.empty()));
    assertEquals(new VeroOutcome.Delivered(202), client.classify(202, "", Optional.empty()));
    for (int status : new int[] {408, 429, 500, 502, 503, 504, 599}) {
      assertInstanceOf(VeroOutcome.Retryable.class, client.classify(status, "", Optional.empty()), Integer.toString(status));
    }
    for (int status : new int[] {301, 400, 401, 403, 404, 422, 501, 505}) {
      assertInstanceOf(VeroOutcome.Permanent.class, client.classify(status, "", Optional.empty()), Integer.toString(status));
    }
  }

  @Test
  void retryAfterIsReadAsSecondsOrHttpDate() {
    assertEquals(new VeroOutcome.Retryable("Vero answered 429: slow down", Optional.of(Duration.ofSeconds(7))),
        client.classify(429, "slow down", Optional.of("7")));
    assertEquals(Optional.of(Duration.ofSeconds(90)),
        ((VeroOutcome.Retryable) client.classify(503, "", Optional.of("Sat, 28 Nov 2026 12:01:30 GMT"))).retryAfter());
    assertEquals(Optional.empty(), ((VeroOutcome.Retryable) client.classify(503, "", Optional.of("soon"))).retryAfter());
  }

  @Test
  void theBodyExcerptIsShortOneLineAndNeverShowsTheToken() {
    String body = "{\"error\":\"bad token secret-token\",\n \"detail\":\"" + "x".repeat(500) + "\"}";
    VeroOutcome.Permanent permanent = (VeroOutcome.Permanent) client.classify(401, body, Optional.empty());
    assertEquals(401, permanent.status());
    String start = "{\"error\":\"bad token ***\", \"detail\":\"";
    assertEquals("Vero answered 401: " + start + "x".repeat(HttpOutcomes.EXCERPT_CHARS - start.length()) + "…", permanent.reason());
  }

  @Test
  void anUnreachableVeroIsRetryable() {
    VeroOutcome outcome = client.send(new VeroRequest("POST", "/users/track", dev.verodestination.json.Json.object()));
    assertEquals(new VeroOutcome.Retryable("network error: ConnectException", Optional.empty()), outcome);
  }
}
