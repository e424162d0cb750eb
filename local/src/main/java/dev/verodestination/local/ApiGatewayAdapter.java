package dev.verodestination.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.verodestination.http.HttpAnswer;
import dev.verodestination.local.store.StoreHealth;
import dev.verodestination.log.JsonLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Serves a function's handler as API Gateway would: each request becomes a payload 2.0 event (header
 * names lower-cased, repeated headers joined with commas, the body base64-encoded as API Gateway
 * does for any content it does not treat as text), and the handler's response goes back as is.
 */
final class ApiGatewayAdapter implements HttpHandler {

  /** API Gateway refuses larger payloads before a function sees them. */
  static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

  private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;
  private final String functionName;
  private final int timeoutSeconds;
  private final JsonLog log;
  private final StoreHealth store;

  ApiGatewayAdapter(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler, String functionName,
      int timeoutSeconds, JsonLog log, StoreHealth store) {
    this.handler = handler;
    this.functionName = functionName;
    this.timeoutSeconds = timeoutSeconds;
    this.log = log;
    this.store = store;
  }

  /** API Gateway gives a client 30 s to send its request; the runner gives no more. */
  static final int BODY_SECONDS = 30;
  private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "request-watchdog");
    thread.setDaemon(true);
    return thread;
  });

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      // a client that announces a body and then stalls is cut off, rather than holding its thread
      ScheduledFuture<?> watchdog = WATCHDOG.schedule(exchange::close, BODY_SECONDS, TimeUnit.SECONDS);
      byte[] body;
      try {
        body = readBody(exchange.getRequestBody());
      } finally {
        watchdog.cancel(false);
      }
      if (body == null) {
        respond(exchange, 413, "{\"success\":false,\"error\":\"body is larger than API Gateway's 10 MB limit\"}", Map.of());
        return;
      }
      Optional<String> storeFailure = store.failure();
      if (storeFailure.isPresent()) {
        refuseUnkept(exchange, storeFailure.get());
        return;
      }
      long failedWritesBefore = store.failedWrites();
      APIGatewayV2HTTPResponse response;
      try {
        response = handler.handleRequest(toEvent(exchange, body), new LocalContext(functionName, timeoutSeconds));
      } catch (RuntimeException e) {
        log.error("handler failed: " + e.getClass().getSimpleName());
        respond(exchange, 500, "{\"message\":\"Internal Server Error\"}", Map.of());
        return;
      }
      if (store.failedWrites() != failedWritesBefore && response.getStatusCode() < 300) {
        // what the handler queued may be in memory only: the caller sends it again, and nothing is lost
        refuseUnkept(exchange, store.failure().orElse("the queue store failed to write"));
        return;
      }
      respond(exchange, response.getStatusCode(), response.getBody() == null ? "" : response.getBody(),
          response.getHeaders() == null ? Map.of() : response.getHeaders());
    }
  }

  private void refuseUnkept(HttpExchange exchange, String reason) throws IOException {
    log.write(log.line("ERROR", "request refused: the queue store cannot write").put("function", functionName)
        .put("path", exchange.getRequestURI().getRawPath()).put("error", reason));
    respond(exchange, 503, HttpAnswer.error(503, reason + ": nothing was accepted, send it again later").body().toString(), Map.of());
  }

  static APIGatewayV2HTTPEvent toEvent(HttpExchange exchange, byte[] body) {
    Map<String, String> headers = new HashMap<>();
    for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
      headers.put(header.getKey().toLowerCase(Locale.ROOT), String.join(",", header.getValue()));
    }
    // as API Gateway tells the function how it was reached; the runner speaks plain HTTP
    headers.putIfAbsent("x-forwarded-proto", "http");
    String path = exchange.getRequestURI().getRawPath();
    String method = exchange.getRequestMethod();
    String query = exchange.getRequestURI().getRawQuery();
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey("$default")
        .withRawPath(path)
        .withRawQueryString(query == null ? "" : query)
        .withHeaders(headers)
        .withBody(Base64.getEncoder().encodeToString(body))
        .withIsBase64Encoded(true)
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
            .withStage("$default")
            .withTimeEpoch(Instant.now().toEpochMilli())
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(method)
                .withPath(path)
                .withProtocol(exchange.getProtocol())
                .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                .withUserAgent(headers.get("user-agent"))
                .build())
            .build())
        .build();
  }

  private static byte[] readBody(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
    return body.length > MAX_BODY_BYTES ? null : body;
  }

  static void respond(HttpExchange exchange, int status, String body, Map<String, String> headers) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    if (bytes.length > 0 && !exchange.getResponseHeaders().containsKey("content-type")) {
      exchange.getResponseHeaders().add("content-type", "application/json");
    }
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
