package dev.verodestination.deliver.outage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verodestination.deliver.vero.VeroClient;
import dev.verodestination.deliver.vero.VeroCredential;
import dev.verodestination.deliver.vero.VeroOutcome;
import dev.verodestination.http.HttpClients;
import dev.verodestination.log.JsonLog;
import dev.verodestination.retry.RetryPolicy;
import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.FakeHttpServer.Recorded;
import dev.verodestination.testing.FakeHttpServer.Reply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The probe through the real Vero client against a fake that answers as Vero's API reference says it
 * does: the credential checked first (401), then the body (a 4xx for an error in the data passed),
 * and only a body naming a user or an event written. The probe writes nothing, whatever Vero holds.
 */
class VeroProbeIT {

  private static final JsonLog QUIET = new JsonLog("deliver", new PrintStream(new ByteArrayOutputStream()));
  private static final String KEY = "tak-right";

  /** Users and events the fake Vero stored: what a probe must never add to or take from. */
  private final List<String> written = new ArrayList<>();

  private Reply asVero(Recorded request) {
    var body = request.json();
    if (!KEY.equals(body.path("tracking_api_key").asText())) {
      return new Reply(401, Map.of(), "{\"status\":401,\"message\":\"Unauthorized\"}", 0, false);
    }
    String user = body.path("identity").path("id").asText(body.path("id").asText(""));
    if (user.isEmpty() || (request.path().endsWith("/events/track") && !body.hasNonNull("event_name"))) {
      return new Reply(400, Map.of(), "{\"status\":400,\"message\":\"identity and event_name are required\"}", 0, false);
    }
    written.add(request.path() + " " + user);
    return Reply.ok();
  }

  private VeroHealth healthThrough(FakeHttpServer vero, String key) {
    VeroClient client = new VeroClient(HttpClients.create(Duration.ofSeconds(1)), URI.create(vero.baseUri() + "/api/v2"),
        Duration.ofSeconds(1), VeroCredential.trackingApiKey(key), Clock.systemUTC());
    return new VeroHealth(VeroProbe.through(client, QUIET), new RetryPolicy(Duration.ofSeconds(10), Duration.ofSeconds(80), 5), Clock.systemUTC());
  }

  private static final VeroOutcome.Failed TIMEOUT = new VeroOutcome.Retryable("timed out after 1000 ms", Optional.empty());

  @Test
  void aVeroThatTakesTheCredentialRefusesTheProbesBodyAndWritesNothing() throws Exception {
    try (FakeHttpServer vero = new FakeHttpServer(this::asVero)) {
      VeroHealth health = healthThrough(vero, KEY);
      health.afterFailure(TIMEOUT, QUIET);
      assertEquals(new VeroHealth.Failure.Own(), health.afterFailure(TIMEOUT, QUIET), "Vero answered the probe: the failure is the message's");
      assertEquals(1, vero.received().size());
      assertEquals("{\"tracking_api_key\":\"" + KEY + "\"}", vero.received().get(0).body(), "the probe names no user and no event");
      assertEquals("POST /api/v2/events/track", vero.received().get(0).method() + " " + vero.received().get(0).path());
      assertEquals(List.of(), written);
      assertTrue(health.state() instanceof BreakerState.Answering, health.state().toString());
    }
  }

  @Test
  void aRefusedCredentialIsTheProbesAnswerToo() throws Exception {
    try (FakeHttpServer vero = new FakeHttpServer(this::asVero)) {
      VeroHealth health = healthThrough(vero, "tak-revoked");
      var failure = health.afterFailure(new VeroOutcome.Permanent(401, "Vero answered 401: Unauthorized"), QUIET);
      assertEquals(Outage.Cause.CREDENTIAL_REJECTED, ((VeroHealth.Failure.Shared) failure).outage().cause());
      assertEquals(List.of(), written);
    }
  }
}
