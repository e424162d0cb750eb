package dev.verodestination.local.operate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.json.Json;
import java.io.IOException;

/** Text that may or may not be JSON (a queued body, a log line, an answer): its tree, or a missing node. */
public final class JsonText {

  private JsonText() {}

  public static JsonNode treeOrMissing(String text) {
    try {
      JsonNode node = text == null ? null : Json.MAPPER.readTree(text);
      return node == null ? Json.MAPPER.missingNode() : node;
    } catch (IOException e) {
      return Json.MAPPER.missingNode();
    }
  }
}
