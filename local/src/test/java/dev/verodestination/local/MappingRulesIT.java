package dev.verodestination.local;

import static dev.verodestination.local.Pipeline.VERO_TOKEN;
import static dev.verodestination.testing.Eventually.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.FakeHttpServer.Recorded;
import dev.verodestination.testing.FakeHttpServer.Reply;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The team's own mapping through the runner: ingest groups each person by the rules' identity, deliver
 * maps with every section, and an order whose second product Vero refused once is retried without a
 * product sent twice.
 */
class MappingRulesIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String RULES = "{\"identity\":{\"id\":[\"userId\",\"traits.member_id\"],\"emailOnly\":\"id\"},"
      + "\"audiences\":{\"tags\":true,\"tagPrefix\":\"segment-\"},"
      + "\"products\":{\"events\":[\"Order Completed\"],\"as\":\"Ordered Product\"},"
      + "\"events\":{\"keepRepeats\":true}}";
  private static final String AUTH = "{\"auth_token\":\"" + VERO_TOKEN + "\",";
  private static final String EXTRAS = "\"extras\":{\"source\":\"segment\",\"created_at\":1388534400}}";

  private static List<String> callsOf(List<Recorded> requests, String id) {
    return VeroFakes.messageCalls(requests).stream()
        .filter(r -> r.json().path("id").asText().equals(id) || r.json().path("identity").path("id").asText().equals(id)
            || r.json().path("new_id").asText().equals(id))
        .map(r -> r.method() + " " + r.path() + " " + r.body()).toList();
  }

  @Test
  void everySectionOfTheRulesShapesWhatVeroGetsInEachPersonsOrder() throws Exception {
    AtomicBoolean refusedOnce = new AtomicBoolean();
    try (FakeHttpServer vero = new FakeHttpServer(r -> VeroFakes.isProbe(r) ? VeroFakes.probeAnswer()
        : r.body().contains("\"sku\":\"B\",\"order_id\"") && refusedOnce.compareAndSet(false, true) ? Reply.status(503) : Reply.ok());
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), Map.of("DESTINATION_RULES", RULES))) {
      assertEquals(200, pipeline.post("/v1/batch", "{\"batch\":["
          + "{\"type\":\"identify\",\"anonymousId\":\"a-1\",\"messageId\":\"m-1\",\"traits\":{\"email\":\"Lead@Example.com\"}},"
          + "{\"type\":\"track\",\"anonymousId\":\"a-1\",\"messageId\":\"m-2\",\"event\":\"Downloaded Guide\","
          + "\"timestamp\":\"2014-01-01T00:00:00Z\",\"context\":{\"traits\":{\"email\":\"Lead@Example.com\"}}},"
          + "{\"type\":\"identify\",\"anonymousId\":\"a-2\",\"messageId\":\"m-3\",\"traits\":{\"member_id\":4711,\"vip\":true},"
          + "\"context\":{\"personas\":{\"computation_class\":\"audience\",\"computation_key\":\"vip\"}}},"
          + "{\"type\":\"track\",\"userId\":\"buyer\",\"messageId\":\"m-4\",\"event\":\"Order Completed\",\"timestamp\":\"2014-01-01T00:00:00Z\","
          + "\"properties\":{\"order_id\":\"o-1\",\"currency\":\"EUR\",\"products\":[{\"sku\":\"A\"},{\"sku\":\"B\"},{\"sku\":\"C\"}]}},"
          + "{\"type\":\"track\",\"userId\":\"buyer\",\"messageId\":\"m-5\",\"event\":\"Added to Cart\",\"properties\":{\"sku\":\"A\"},"
          + "\"timestamp\":\"2014-01-01T00:00:00Z\"},"
          + "{\"type\":\"track\",\"userId\":\"buyer\",\"messageId\":\"m-6\",\"event\":\"Added to Cart\",\"properties\":{\"sku\":\"A\"},"
          + "\"timestamp\":\"2014-01-01T00:00:00Z\"},"
          + "{\"type\":\"track\",\"anonymousId\":\"a-3\",\"messageId\":\"m-7\",\"event\":\"Nobody\"}]}").statusCode());
      waitFor("every message settled", PATIENCE, () -> pipeline.runner.counters().delivered() == 6);
      assertEquals(List.of(
          "POST /api/v2/users/track " + AUTH + "\"id\":\"lead@example.com\",\"email\":\"Lead@Example.com\",\"data\":{\"email\":\"Lead@Example.com\","
              + "\"id\":\"lead@example.com\"}}",
          "POST /api/v2/events/track " + AUTH + "\"identity\":{\"id\":\"lead@example.com\",\"email\":\"Lead@Example.com\"},"
              + "\"event_name\":\"Downloaded Guide\",\"data\":{\"message_id\":\"m-2\"}," + EXTRAS), callsOf(vero.processed(), "lead@example.com"));
      assertEquals(List.of(
          "POST /api/v2/users/track " + AUTH + "\"id\":\"4711\",\"data\":{\"member_id\":4711,\"id\":\"4711\"}}",
          "PUT /api/v2/users/tags/edit " + AUTH + "\"id\":\"4711\",\"add\":[\"segment-vip\"]}"), callsOf(vero.processed(), "4711"));
      String product = "POST /api/v2/events/track " + AUTH + "\"identity\":{\"id\":\"buyer\"},\"event_name\":\"Ordered Product\",\"data\":";
      String cart = "POST /api/v2/events/track " + AUTH + "\"identity\":{\"id\":\"buyer\"},\"event_name\":\"Added to Cart\",\"data\":";
      assertEquals(List.of(
          "POST /api/v2/events/track " + AUTH + "\"identity\":{\"id\":\"buyer\"},\"event_name\":\"Order Completed\",\"data\":{\"order_id\":\"o-1\","
              + "\"currency\":\"EUR\",\"products\":[{\"sku\":\"A\"},{\"sku\":\"B\"},{\"sku\":\"C\"}],\"message_id\":\"m-4\"}," + EXTRAS,
          product + "{\"sku\":\"A\",\"order_id\":\"o-1\",\"currency\":\"EUR\",\"message_id\":\"m-4\"}," + EXTRAS,
          product + "{\"sku\":\"B\",\"order_id\":\"o-1\",\"currency\":\"EUR\",\"message_id\":\"m-4\"}," + EXTRAS,
          product + "{\"sku\":\"C\",\"order_id\":\"o-1\",\"currency\":\"EUR\",\"message_id\":\"m-4\"}," + EXTRAS,
          cart + "{\"sku\":\"A\",\"message_id\":\"m-5\"}," + EXTRAS,
          cart + "{\"sku\":\"A\",\"message_id\":\"m-6\"}," + EXTRAS), callsOf(vero.processed(), "buyer"),
          "the order, each product once though B was refused once, and both repeats, told apart");
      assertEquals(2, VeroFakes.messageCalls(vero.received()).stream().filter(r -> r.body().contains("\"sku\":\"B\",\"order_id\"")).count(),
          "B refused once, then taken");
      assertEquals(0, pipeline.runner.counters().deadLettered());
      waitFor("the skip's reason in the log", PATIENCE, () -> pipeline.log().contains(
          "identity: no id at [userId, traits.member_id], no email at [traits.email or context.traits.email]"));

      assertEquals(200, pipeline.post("/v1/alias", "{\"previousId\":\"Lead@Example.com\",\"userId\":\"member-9\",\"messageId\":\"m-8\"}")
          .statusCode());
      waitFor("the lead merged into their new id", PATIENCE, () -> !callsOf(vero.processed(), "member-9").isEmpty());
      assertEquals(List.of("PUT /api/v2/users/reidentify " + AUTH + "\"id\":\"lead@example.com\",\"new_id\":\"member-9\"}"),
          callsOf(vero.processed(), "member-9"));
    }
  }
}
