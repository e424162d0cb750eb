package dev.verodestination.ingest.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A dotted path to a field, removed from a message wherever it is: through each element of a list
 * on the way ({@code properties.products.sku} from every product), and nothing when it is absent.
 */
public record FieldPath(String path, List<String> names) {

  public static FieldPath of(String path) {
    return new FieldPath(path, List.of(path.split("\\.", -1)));
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
