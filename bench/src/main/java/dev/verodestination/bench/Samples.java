package dev.verodestination.bench;

import dev.verodestination.json.Json;
import java.nio.charset.StandardCharsets;

/** Realistic inputs of about 600 bytes an event, the same for a benchmark and its baseline. */
final class Samples {

  private Samples() {}

  static String event(int i) {
    return event(i, "");
  }

  /** {@code contextExtra}: more members of the event's context, each with its leading comma. */
  static String event(int i, String contextExtra) {
    return "{\"type\":\"track\",\"userId\":\"user-" + (i % 37) + "-7f3a9c\",\"messageId\":\"6f1d2c3b-4a5e-4f60-8a7b-" + String.format("%012d", i)
        + "\",\"event\":\"Order Completed\",\"timestamp\":\"2026-11-28T11:59:58.120Z\",\"properties\":{\"order_id\":\"o-" + i
        + "\",\"revenue\":42.5,\"currency\":\"EUR\",\"coupon\":\"WINTER\",\"products\":[{\"sku\":\"sku-1\",\"price\":19.5,\"quantity\":1},"
        + "{\"sku\":\"sku-2\",\"price\":23.0,\"quantity\":1}]},\"context\":{\"ip\":\"203.0.113.7\",\"locale\":\"en-GB\","
        + "\"userAgent\":\"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36\","
        + "\"traits\":{\"email\":\"ada" + i + "@example.com\"},\"library\":{\"name\":\"analytics-node\",\"version\":\"2.1.0\"}" + contextExtra + "}}";
  }

  static byte[] batch(int events) {
    return batch(events, "");
  }

  static byte[] batch(int events, String contextExtra) {
    StringBuilder batch = new StringBuilder("{\"batch\":[");
    for (int i = 0; i < events; i++) {
      batch.append(i == 0 ? "" : ",").append(event(i, contextExtra));
    }
    return batch.append("],\"sentAt\":\"2026-11-28T12:00:00.000Z\"}").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** An enriched queued message, as deliver receives it, with a tags option (two Vero calls). */
  static byte[] queuedMessage() {
    String event = event(1);
    return (event.substring(0, event.length() - 1) + ",\"receivedAt\":\"2026-11-28T12:00:00.120Z\","
        + "\"integrations\":{\"Vero\":{\"tags\":{\"action\":\"add\",\"values\":[\"buyer\"]}}}}").getBytes(StandardCharsets.UTF_8);
  }

  /** An enriched queued order of this many products, as deliver receives it. */
  static byte[] queuedOrder(int products) {
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < products; i++) {
      list.append(i == 0 ? "" : ",").append("{\"product_id\":\"p-").append(i).append("\",\"sku\":\"sku-").append(i)
          .append("\",\"name\":\"Winter jacket ").append(i).append("\",\"price\":19.5,\"quantity\":1,\"category\":\"Outerwear\"}");
    }
    String event = event(1).replaceFirst("\"products\":\\[.*?\\]\\}", "\"products\":[" + list + "]}");
    return (event.substring(0, event.length() - 1) + ",\"receivedAt\":\"2026-11-28T12:00:00.120Z\"}").getBytes(StandardCharsets.UTF_8);
  }

  static byte[] webhook() {
    return ("{\"type\":\"clicked\",\"clicked_at\":1795867090,\"user_agent\":\"Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0\","
        + "\"link_url\":\"https://example.org/start?utm_source=vero\",\"user\":{\"id\":5150,\"email\":\"grace@example.org\"},"
        + "\"campaign\":{\"id\":4412,\"type\":\"behavioral\",\"name\":\"Welcome series\",\"group\":\"Onboarding\",\"channel\":\"email\","
        + "\"subject\":\"Welcome aboard, Grace\",\"trigger-event\":\"signed up\",\"permalink\":\"https://app.example.org/view/4412\","
        + "\"variation\":\"B\",\"locale\":\"en-GB\",\"tags\":\"onboarding, welcome\",\"sent_to\":\"grace@example.org\"},"
        + "\"message_id\":\"<20261128115640.4412.5150@mail.example.org>\"}").getBytes(StandardCharsets.UTF_8);
  }

  static Object baseline(byte[] json) throws Exception {
    return Json.MAPPER.writeValueAsBytes(Json.MAPPER.readTree(json));
  }
}
