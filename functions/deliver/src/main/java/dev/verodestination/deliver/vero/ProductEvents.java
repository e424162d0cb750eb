package dev.verodestination.deliver.vero;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.rules.RuleChecks;
import java.util.List;
import java.util.Optional;

/**
 * One Vero event a product of an order ({@code products}), as Segment's own client-side Vero
 * integration sent, so that a campaign can trigger on a product: each named after {@code as}, its
 * data the product's fields and the order's {@code order_id} and {@code currency}.
 *
 * @param events the order events' names, exact, as Vero gets them (after {@code events.rename})
 */
public record ProductEvents(List<String> events, String as) {

  static Optional<ProductEvents> parse(JsonNode section) {
    if (RuleChecks.object(section, "products", "events and as") == null) {
      return Optional.empty();
    }
    RuleChecks.onlyKeys(section, "products", List.of("events", "as"));
    List<String> events = RuleChecks.names(section.get("events"), "products.events", "a list of order event names");
    if (events.isEmpty()) {
      throw RuleChecks.refuse("products.events: must name at least one event, e.g. [\"Order Completed\"]");
    }
    JsonNode as = section.get("as");
    if (as == null || !as.isTextual() || as.textValue().isBlank()) {
      throw RuleChecks.refuse("products.as: must be the product events' name, a non-empty string (got "
          + (as == null ? "nothing" : RuleChecks.describe(as)) + ")");
    }
    return Optional.of(new ProductEvents(events, as.textValue()));
  }

  boolean isOrder(String event) {
    return events.contains(event);
  }

  /** Each product's data, in the order's order; an element that is not an object is no product. */
  List<ObjectNode> productData(JsonNode properties) {
    JsonNode products = properties == null ? null : properties.get("products");
    if (products == null || !products.isArray()) {
      return List.of();
    }
    List<ObjectNode> data = new java.util.ArrayList<>(products.size());
    for (JsonNode product : products) {
      if (product instanceof ObjectNode fields) {
        ObjectNode one = VeroMapping.copyOf(fields);
        copy(properties, "order_id", one);
        copy(properties, "currency", one);
        data.add(one);
      }
    }
    return data;
  }

  private static void copy(JsonNode from, String field, ObjectNode to) {
    JsonNode value = from.get(field);
    if (value != null && !value.isNull()) {
      to.set(field, value);
    }
  }
}
