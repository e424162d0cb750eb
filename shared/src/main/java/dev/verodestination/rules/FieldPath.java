package dev.verodestination.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A dotted path to a field of a message ({@code traits.member_id}). Read, it leads through objects
 * only; removed, it reaches through each element of a list on the way ({@code properties.products.sku}
 * from every product), and removes nothing when it is absent.
 */
public record FieldPath(String path, List<String> names) {

  public static FieldPath of(String path) {
    return new FieldPath(path, List.of(path.split("\\.", -1)));
  }

  /** The value at the path, or null when a step is missing or not an object. */
  public JsonNode valueIn(JsonNode message) {
    JsonNode node = message;
    for (String name : names) {
      if (node == null || !node.isObject()) {
        return null;
      }
      node = node.get(name);
    }
    return node;
  }

  public void removeFrom(ObjectNode message) {
    remove(message, 0);
  }

  private void remove(JsonNode node, int depth) {
    if (node instanceof ObjectNode object) {
      String name = names.get(depth);
      if (depth == names.size() - 1) {
        object.remove(name);
      } else {
        JsonNode child = object.get(name);
        if (child != null && child.isContainerNode()) {
          remove(child, depth + 1);
        }
      }
    } else if (node instanceof ArrayNode list) {
      for (JsonNode element : list) {
        remove(element, depth);
      }
    }
  }

  @Override
  public String toString() {
    return path;
  }
}
