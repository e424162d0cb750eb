package dev.verodestination.local;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.verodestination.json.Json;
import dev.verodestination.local.debugger.DebuggerActivity;
import dev.verodestination.ops.DeadLetters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The debugger page at the runner's root, its script and style, the activity it polls, and the
 * redrive its buttons ask for. Data routes answer only a request naming this machine as its host and
 * carrying the operator header, as the operator route does; the page itself holds no data.
 */
final class DebuggerRoutes implements HttpHandler {

  static final String ACTIVITY = "/_runner/activity";
  static final String REDRIVE = "/_runner/redrive";
  static final Map<String, String> ASSETS = Map.of(
      "/", "index.html",
      "/_runner/debugger.js", "debugger.js",
      "/_runner/debugger.css", "debugger.css");
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8");

  private final DebuggerActivity activity;
  private final DeadLetters deadLetters;
  private final ObjectNode modes;

  /** {@code modes}: whether Vero and Segment calls are dry runs, for the page's banner. */
  DebuggerRoutes(DebuggerActivity activity, DeadLetters deadLetters, ObjectNode modes) {
    this.activity = activity;
    this.deadLetters = deadLetters;
    this.modes = modes;
  }

  /** Whether this handler answers the request, rather than ingest. */
  static boolean serves(HttpExchange exchange) {
    String path = exchange.getRequestURI().getPath();
    return path.startsWith("/_runner/") || ("/".equals(path) && "GET".equals(exchange.getRequestMethod()));
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().transferTo(java.io.OutputStream.nullOutputStream());
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (ASSETS.containsKey(path) && "GET".equals(method)) {
        asset(exchange, ASSETS.get(path));
      } else if (!OperatorRoutes.isLocalOperator(exchange)) {
        ApiGatewayAdapter.respond(exchange, 403, "{\"error\":\"the debugger's data answers only its own page on this machine\"}", Map.of());
      } else if (ACTIVITY.equals(path) && "GET".equals(method)) {
        ObjectNode snapshot = activity.snapshot();
        snapshot.set("modes", modes);
        ApiGatewayAdapter.respond(exchange, 200, Json.MAPPER.writeValueAsString(snapshot), Map.of());
      } else if (REDRIVE.equals(path) && "POST".equals(method)) {
        redrive(exchange);
      } else {
        ApiGatewayAdapter.respond(exchange, 404, "{\"error\":\"no such debugger route\"}", Map.of());
      }
    }
  }

  private void redrive(HttpExchange exchange) throws IOException {
    String messageId = query(exchange, "messageId");
    String userId = query(exchange, "userId");
    if (messageId.isEmpty()) {
      ApiGatewayAdapter.respond(exchange, 400, "{\"error\":\"messageId is required\"}", Map.of());
      return;
    }
    String oldSqsId = activity.sqsIdOf(messageId, userId);
    DeadLetters.Report report = deadLetters.redrive(new DeadLetters.Filter(Optional.empty(),
        userId.isEmpty() ? Optional.empty() : Optional.of(userId), Optional.of(messageId)), false);
    ArrayNode steps = Json.MAPPER.createArrayNode();
    for (DeadLetters.Step step : report.steps()) {
      steps.addObject().put("action", step.action().name().toLowerCase(java.util.Locale.ROOT)).put("detail", step.detail());
      if (oldSqsId != null && step.sentAs().isPresent()) {
        activity.redriven(oldSqsId, step.sentAs().get(), step.detail());
      }
    }
    ObjectNode answer = Json.MAPPER.createObjectNode().put("redriven", report.count(DeadLetters.Action.REDRIVEN))
        .put("held", report.count(DeadLetters.Action.HELD)).put("failed", report.count(DeadLetters.Action.FAILED));
    answer.set("steps", steps);
    ApiGatewayAdapter.respond(exchange, 200, Json.MAPPER.writeValueAsString(answer), Map.of());
  }

  private static String query(HttpExchange exchange, String name) {
    String query = exchange.getRequestURI().getRawQuery();
    if (query == null) {
      return "";
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0 && pair.substring(0, equals).equals(name)) {
        return java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      }
    }
    return "";
  }

  private static void asset(HttpExchange exchange, String name) throws IOException {
    try (InputStream in = DebuggerRoutes.class.getResourceAsStream("/debugger/" + name)) {
      if (in == null) {
        ApiGatewayAdapter.respond(exchange, 404, "{\"error\":\"missing asset\"}", Map.of());
        return;
      }
      exchange.getResponseHeaders().add("cache-control", "no-store");
      ApiGatewayAdapter.respond(exchange, 200, new String(in.readAllBytes(), StandardCharsets.UTF_8),
          Map.of("content-type", TYPES.get(name.substring(name.lastIndexOf('.') + 1))));
    }
  }

}
