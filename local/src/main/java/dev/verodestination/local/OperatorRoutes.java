package dev.verodestination.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.verodestination.json.Json;
import dev.verodestination.local.debugger.DebuggerActivity;
import dev.verodestination.ops.Operator;
import dev.verodestination.queue.FifoIds;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * The operator commands' routes: {@code GET /_runner/operator}, where the runner's queues are, its
 * ingest URL and write key and its webhook URL; {@code POST /_runner/forget}, which forgets users
 * (their call-progress records and debugger rows: what only the runner's memory holds); {@code POST
 * /_runner/suppress}, which suppresses users or lets them through again. Answered
 * only to a request that names this machine as its host (no DNS-rebound page) and carries the
 * operator header (which no page of another origin can send without a preflight the runner never
 * grants).
 */
final class OperatorRoutes implements HttpHandler {

  static final String PATH = Operator.RUNNER_PATH;
  static final String FORGET_PATH = Operator.RUNNER_FORGET_PATH;
  static final String SUPPRESS_PATH = Operator.RUNNER_SUPPRESS_PATH;

  private final ObjectNode places;
  private final InMemoryCallProgress progress;
  private final RunnerSuppressedUsers suppressed;
  private final DebuggerActivity activity;

  OperatorRoutes(ObjectNode places, InMemoryCallProgress progress, RunnerSuppressedUsers suppressed, DebuggerActivity activity) {
    this.places = places;
    this.progress = progress;
    this.suppressed = suppressed;
    this.activity = activity;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (!isLocalOperator(exchange)) {
        ApiGatewayAdapter.respond(exchange, 403, "{\"error\":\"operator routes answer only the operator commands on this machine\"}",
            Map.of());
        return;
      }
      String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
      if (route.equals("GET " + PATH)) {
        ApiGatewayAdapter.respond(exchange, 200, Json.MAPPER.writeValueAsString(places), Map.of());
      } else if (route.equals("POST " + FORGET_PATH)) {
        forget(exchange, Json.treeOrMissing(new String(body, java.nio.charset.StandardCharsets.UTF_8)));
      } else if (route.equals("POST " + SUPPRESS_PATH)) {
        suppress(exchange, Json.treeOrMissing(new String(body, java.nio.charset.StandardCharsets.UTF_8)));
      } else {
        ApiGatewayAdapter.respond(exchange, 404, "{\"error\":\"the operator routes are GET " + PATH + ", POST " + FORGET_PATH
            + " and POST " + SUPPRESS_PATH + "\"}", Map.of());
      }
    }
  }

  /** {@code {"userIds": [...]}}: each user's records and rows removed, counted. */
  private void forget(HttpExchange exchange, JsonNode request) throws IOException {
    if (!request.path("userIds").isArray()) {
      ApiGatewayAdapter.respond(exchange, 400, "{\"error\":\"\\\"userIds\\\" must be an array of user ids\"}", Map.of());
      return;
    }
    ArrayNode results = Json.MAPPER.createArrayNode();
    for (JsonNode user : request.path("userIds")) {
      String userId = user.asText();
      results.addObject().put("userId", userId)
          .put("callProgress", progress.forgetGroup(FifoIds.of(userId)))
          .put("debuggerRows", activity.forget(userId));
    }
    ApiGatewayAdapter.respond(exchange, 200, Json.MAPPER.writeValueAsString(Json.MAPPER.createObjectNode().set("results", results)),
        Map.of());
  }

  /** {@code {"userIds": [...], "suppressed": true|false}}: each user suppressed or let through again, and whether that changed. */
  private void suppress(HttpExchange exchange, JsonNode request) throws IOException {
    if (!request.path("userIds").isArray() || !request.path("suppressed").isBoolean()) {
      ApiGatewayAdapter.respond(exchange, 400, "{\"error\":\"\\\"userIds\\\" must be an array of user ids and \\\"suppressed\\\" "
          + "true or false\"}", Map.of());
      return;
    }
    ArrayNode results = Json.MAPPER.createArrayNode();
    for (JsonNode user : request.path("userIds")) {
      results.addObject().put("userId", user.asText()).put("changed", suppressed.change(user.asText(), request.get("suppressed").booleanValue()));
    }
    ApiGatewayAdapter.respond(exchange, 200, Json.MAPPER.writeValueAsString(Json.MAPPER.createObjectNode().set("results", results)),
        Map.of());
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
