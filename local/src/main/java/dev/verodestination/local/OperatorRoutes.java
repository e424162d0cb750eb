package dev.verodestination.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.verodestination.json.Json;
import dev.verodestination.ops.Operator;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /_runner/operator}: where the runner's queues are, its ingest URL and write key and its
 * webhook URL, for the operator commands. Answered only to a request that names this machine as its
 * host (no DNS-rebound page) and carries the operator header (which no page of another origin can
 * send without a preflight the runner never grants).
 */
final class OperatorRoutes implements HttpHandler {

  static final String PATH = Operator.RUNNER_PATH;

  private final ObjectNode places;

  OperatorRoutes(ObjectNode places) {
    this.places = places;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      if (!isLocalOperator(exchange)) {
        ApiGatewayAdapter.respond(exchange, 403, "{\"error\":\"operator routes answer only the operator commands on this machine\"}",
            Map.of());
        return;
      }
      if (!"GET".equals(exchange.getRequestMethod()) || !PATH.equals(exchange.getRequestURI().getPath())) {
        ApiGatewayAdapter.respond(exchange, 404, "{\"error\":\"GET " + PATH + " is the one operator route\"}", Map.of());
        return;
      }
      ApiGatewayAdapter.respond(exchange, 200, Json.MAPPER.writeValueAsString(places), Map.of());
    }
  }

  /** The operator header, which no page of another origin can send, and this machine named as the host. */
  static boolean isLocalOperator(HttpExchange exchange) {
    if (exchange.getRequestHeaders().getFirst(Operator.OPERATOR_HEADER) == null) {
      return false;
    }
    String host = Optional.ofNullable(exchange.getRequestHeaders().getFirst("host")).orElse("");
    String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.replaceFirst(":\\d+$", "");
    return name.equals("127.0.0.1") || name.equals("localhost") || name.equals("[::1]");
  }
}
