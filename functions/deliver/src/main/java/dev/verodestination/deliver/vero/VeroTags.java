package dev.verodestination.deliver.vero;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.json.Json;
import dev.verodestination.segment.Identity;
import dev.verodestination.segment.Integrations;
import java.util.Optional;

/** {@code integrations.Vero.tags: {id?, action: add|remove, values: [..]}} → PUT /users/tags/edit. */
final class VeroTags {

  static final String BAD_ACTION = "Tags action value must be either 'add' or 'remove'";
  static final String BAD_VALUES = "Could not detect tag values. Tag values must be passed as array of strings.";
  static final String BAD_ID = "Tags id must be a string or number (of at most " + Identity.MAX_ID_CHARS + " digits)";

  static final class InvalidTagsException extends Exception {
    InvalidTagsException(String message) {
      super(message, null, false, false);
    }
  }

  private VeroTags() {}

  static Optional<VeroRequest> request(JsonNode message, String userId) throws InvalidTagsException {
    JsonNode tags = message.path("integrations").path(Integrations.VERO).get("tags");
    if (tags == null || tags.isNull()) {
      return Optional.empty();
    }
    // As in Segment's integration, when several checks fail the values error is the one reported.
    String error = null;
    String action = tags.path("action").asText("");
    if (!action.equals("add") && !action.equals("remove")) {
      error = BAD_ACTION;
    }
    JsonNode values = tags.get("values");
    if (values == null || !values.isArray() || !allStrings(values)) {
      error = BAD_VALUES;
    }
    JsonNode id = tags.get("id");
    if (error == null && id != null && !id.isNull() && ((!id.isTextual() && !id.isNumber()) || (id.isNumber() && Identity.idText(id).isEmpty()))) {
      error = BAD_ID;
    }
    if (error != null) {
      throw new InvalidTagsException(error);
    }
    ObjectNode body = Json.object();
    body.put("id", Identity.idField(tags, "id").orElse(userId));
    body.set(action, values);
    return Optional.of(new VeroRequest("PUT", "/users/tags/edit", body));
  }

  private static boolean allStrings(JsonNode values) {
    for (JsonNode value : values) {
      if (!value.isTextual()) {
        return false;
      }
    }
    return true;
  }
}
