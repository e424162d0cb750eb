package dev.verodestination.deliver;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.deliver.vero.VeroMapping;
import dev.verodestination.deliver.vero.VeroRequest;
import dev.verodestination.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What a SnapStart snapshot of deliver should hold loaded, linked and compiled: a queued message
 * parsed, mapped to its Vero requests (a main call and a tags edit) and their bodies serialised, as
 * delivery does before its HTTP call; no network, nothing kept.
 */
public final class DeliverPriming {

  private static final String[] QUEUED = {
      "{\"type\":\"identify\",\"userId\":\"priming\",\"traits\":{\"email\":\"p@example.com\"},\"messageId\":\"p-1\","
          + "\"timestamp\":\"2026-01-01T00:00:00.000Z\",\"receivedAt\":\"2026-01-01T00:00:01.000Z\"}",
      "{\"type\":\"track\",\"userId\":\"priming\",\"event\":\"Primed\",\"properties\":{\"n\":1.5},\"messageId\":\"p-2\","
          + "\"context\":{\"traits\":{\"email\":\"p@example.com\"},\"userAgent\":\"UA\"},\"timestamp\":\"2026-01-01T00:00:00.000Z\","
          + "\"integrations\":{\"Vero\":{\"tags\":{\"action\":\"add\",\"values\":[\"p\"]}}}}"};

  private DeliverPriming() {}

  /** Returns the bytes serialised, so that a test can see the path was walked whole. */
  public static int run(int rounds) {
    int bytes = 0;
    for (int i = 0; i < rounds; i++) {
      for (String queued : QUEUED) {
        VeroMapping.Requests mapped = (VeroMapping.Requests) VeroMapping.map(read(queued));
        for (VeroRequest request : mapped.requests()) {
          bytes += Json.bytes(request.body()).length;
        }
      }
    }
    return bytes;
  }

  private static JsonNode read(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
