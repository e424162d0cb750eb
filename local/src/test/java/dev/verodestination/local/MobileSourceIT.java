package dev.verodestination.local;

import static dev.verodestination.testing.Eventually.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.segment.analytics.kotlin.core.BaseEvent;
import com.segment.analytics.kotlin.core.RequestFactory;
import com.segment.analytics.kotlin.core.compat.Builders;
import com.segment.analytics.kotlin.core.compat.ConfigurationBuilder;
import com.segment.analytics.kotlin.core.compat.JavaAnalytics;
import com.segment.analytics.kotlin.core.platform.plugins.DeviceTokenKt;
import dev.verodestination.json.Json;
import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.FakeHttpServer.Recorded;
import dev.verodestination.testing.FakeHttpServer.Reply;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kotlinx.serialization.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * analytics-kotlin, the core of Segment's Android library, as an app runs it, pointed at the runner
 * with its apiHost and cdnHost options. Mobile libraries speak HTTPS only; the one change for this
 * test is the scheme, since the runner speaks HTTP.
 */
class MobileSourceIT {

  private static final Duration PATIENCE = Duration.ofSeconds(40);

  /** The library's own request factory, with {@code https://} turned into {@code http://}. */
  static final class PlainHttp extends RequestFactory {
    PlainHttp() {
      super(null);
    }

    @Override
    public HttpURLConnection openConnection(String url) {
      return super.openConnection(url.replaceFirst("^https://", "http://"));
    }
  }

  /**
   * What analytics-kotlin's Android context plugin adds on a phone (its system and device), which the
   * JVM core leaves out; everything else in the context is the library's own.
   */
  private static BaseEvent onAPhone(BaseEvent event) {
    JsonObject device = event.getContext().get("device") instanceof JsonObject d ? d : Builders.buildJsonObject(b -> { });
    event.setContext(Builders.buildJsonObject(context -> {
      event.getContext().forEach((key, value) -> {
        if (!key.equals("device") && !key.equals("os")) {
          context.put(key, value);
        }
      });
      context.putJsonObject("os", os -> os.put("name", "Android").put("version", "14"));
      context.putJsonObject("device", d -> {
        device.forEach(d::put);
        d.put("name", "Pixel 8");
      });
    }));
    return event;
  }

  private static Recorded only(List<Recorded> calls, String pathEnd) {
    List<Recorded> matching = calls.stream().filter(r -> r.path().endsWith(pathEnd)).toList();
    assertEquals(1, matching.size(), pathEnd);
    return matching.get(0);
  }

  @Test
  void identifyWithAPushTokenTrackScreenGroupAndAliasFromTheKotlinLibraryReachVero() throws Exception {
    // the library keeps unsent events in files named after the write key: a fresh key starts clean
    String writeKey = "wk_kotlin_" + UUID.randomUUID().toString().replace("-", "");
    try (FakeHttpServer vero = new FakeHttpServer(r -> Reply.ok());
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), Map.of("WRITE_KEYS", writeKey))) {
      String host = "127.0.0.1:" + pipeline.runner.port() + "/v1";
      JavaAnalytics analytics = new JavaAnalytics(new ConfigurationBuilder(writeKey)
          // on a JVM any object stands for the Android application
          .setApplication("vero-destination-test")
          .setApiHost(host)
          .setCdnHost(host)
          .setRequestFactory(new PlainHttp())
          .setFlushAt(5)
          .setFlushInterval(2)
          .build());
      // the library's own device-token plugin, as an app registers its push token
      DeviceTokenKt.setDeviceToken(analytics.getAnalytics(), "fcm-token-7f3a9c");
      analytics.getAnalytics().identify("app-user", Builders.buildJsonObject(traits -> traits
          .put("email", "app@example.com").put("plan", "team").put("phone", "+44 7700 900123")), MobileSourceIT::onAPhone);
      // the library stamps later calls with the userId from its own state, which its identify updates
      // on a coroutine of its own: a call made before that lands goes out anonymous (and an alias
      // from the anonymousId), as an app that tracks right after identify may see too
      waitFor("the library holds the identified user", PATIENCE, () -> "app-user".equals(analytics.getAnalytics().userId()));
      analytics.track("Checkout Started", Map.of("total", 42));
      analytics.screen("Cart", Map.of("items", 2), "Shop");
      analytics.group("acme-mobile", Map.of("name", "Acme Mobile"));
      analytics.alias("app-user-2");
      analytics.flush();

      waitFor("the five calls at Vero", PATIENCE, () -> vero.processed().size() == 5,
          () -> "Vero got " + vero.received().stream().map(r -> r.method() + " " + r.path()).toList() + "; the runner logged:\n"
              + pipeline.log());
      assertTrue(pipeline.log().lines().anyMatch(l -> l.contains("\"method\":\"GET\"") && l.contains("/settings")
          && l.contains("\"status\":200")), "the library fetched its settings from the runner");
      assertTrue(pipeline.log().lines().anyMatch(l -> l.contains("\"path\":\"/v1/b\"") && l.contains("\"status\":200")),
          "it posted its gzip batch to /v1/b");
      // the library stamps and stores events on its own coroutines: the order of its batch is its own
      List<Recorded> calls = vero.processed();
      assertEquals(List.of("POST /api/v2/events/track", "POST /api/v2/events/track", "POST /api/v2/users/track",
          "PUT /api/v2/users/edit", "PUT /api/v2/users/reidentify"),
          calls.stream().map(r -> r.method() + " " + r.path()).sorted().toList());
      JsonNode identify = only(calls, "/users/track").json();
      assertEquals("app-user", identify.get("id").asText());
      assertEquals("app@example.com", identify.get("email").asText());
      assertEquals("team", identify.at("/data/plan").asText());
      assertEquals("+447700900123", identify.get("phone_number").asText());
      assertEquals(Json.MAPPER.readTree("[{\"type\":\"push\",\"address\":\"fcm-token-7f3a9c\",\"platform\":\"android\","
          + "\"device\":\"Pixel 8\"}]"), identify.get("channels"));
      JsonNode track = calls.stream().filter(r -> r.body().contains("\"Checkout Started\"")).findFirst().orElseThrow().json();
      assertEquals(42, track.at("/data/total").asInt());
      JsonNode screen = calls.stream().filter(r -> r.body().contains("\"Viewed Cart Screen\"")).findFirst().orElseThrow().json();
      assertEquals(2, screen.at("/data/items").asInt());
      assertEquals("Acme Mobile", only(calls, "/users/edit").json().at("/changes/group/name").asText());
      JsonNode alias = only(calls, "/users/reidentify").json();
      assertEquals("app-user", alias.get("id").asText());
      assertEquals("app-user-2", alias.get("new_id").asText());
      analytics.getAnalytics().shutdown(false);
    }
  }
}
