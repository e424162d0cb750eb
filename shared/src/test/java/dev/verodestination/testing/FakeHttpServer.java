package dev.verodestination.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 standing in for Vero or Segment: it records every request and
 * answers as the test's script says, faults included (errors, Retry-After, stalls).
 */
public final class FakeHttpServer implements AutoCloseable {

  public record Recorded(int number, String method, String path, Map<String, List<String>> headers, String body, Instant at) {

    /** The body as JSON (every request the project sends has a JSON body). */
    public JsonNode json() {
      try {
        return Json.MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    public String header(String name) {
      for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
        if (entry.getKey().equalsIgnoreCase(name)) {
          return entry.getValue().get(0);
        }
      }
      return null;
    }
  }

  /**
   * {@code processed}: the call took effect (it is listed in {@link #processed()}), whatever the
   * client then sees. A stall with {@code processed} models a server that did the work but answered
   * too late.
   */
  public record Reply(int status, Map<String, String> headers, String body, long delayMillis, boolean processed,
      long bodyStallMillis) {

    public Reply(int status, Map<String, String> headers, String body, long delayMillis, boolean processed) {
      this(status, headers, body, delayMillis, processed, 0);
    }

    public static Reply ok() {
      return new Reply(200, Map.of(), "{\"status\":200,\"message\":\"Success.\"}", 0, true);
    }

    public static Reply status(int status) {
      return new Reply(status, Map.of(), "{\"status\":" + status + ",\"message\":\"injected fault\"}", 0, false);
    }

    public Reply withHeader(String name, String value) {
      Map<String, String> all = new java.util.HashMap<>(headers);
      all.put(name, value);
      return new Reply(status, Map.copyOf(all), body, delayMillis, processed, bodyStallMillis);
    }

    /** Waits this long before the status line: the server is slow to answer at all. */
    public Reply delayedBy(long millis) {
      return new Reply(status, headers, body, millis, processed, bodyStallMillis);
    }

    /** Sends the status and headers and the body's first byte at once, then waits this long for the rest. */
    public Reply stallingBodyFor(long millis) {
      return new Reply(status, headers, body, delayMillis, processed, millis);
    }

    public Reply processed(boolean value) {
      return new Reply(status, headers, body, delayMillis, value, bodyStallMillis);
    }
  }

  @FunctionalInterface
  public interface Script {
    Reply reply(Recorded request);
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(32);
  private final List<Recorded> received = new CopyOnWriteArrayList<>();
  private final List<Recorded> processed = new CopyOnWriteArrayList<>();
  private final AtomicInteger count = new AtomicInteger();
  private volatile Script script;

  public FakeHttpServer(Script script) throws IOException {
    this(0, script);
  }

  /** On a given port: to bring a server back where its clients already point. */
  public FakeHttpServer(int port, Script script) throws IOException {
    this.script = script;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public void script(Script newScript) {
    this.script = newScript;
  }

  /** Every request that arrived, in arrival order. */
  public List<Recorded> received() {
    return new ArrayList<>(received);
  }

  /** The requests that took effect, in the order they did. */
  public List<Recorded> processed() {
    return new ArrayList<>(processed);
  }

  /** How many requests arrived, without copying them. */
  public int requestCount() {
    return count.get();
  }

  public void clear() {
    received.clear();
    processed.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Recorded request = new Recorded(count.incrementAndGet(), exchange.getRequestMethod(),
          exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), body, Instant.now());
      received.add(request);
      Reply reply = script.reply(request);
      if (reply.processed()) {
        processed.add(request);
      }
      if (reply.delayMillis() > 0) {
        try {
          Thread.sleep(reply.delayMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      if (!exchange.getResponseHeaders().containsKey("content-type")) {
        exchange.getResponseHeaders().add("content-type", "application/json");
      }
      exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          if (reply.bodyStallMillis() > 0) {
            out.write(bytes, 0, 1);
            out.flush();
            try {
              Thread.sleep(reply.bodyStallMillis());
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
            out.write(bytes, 1, bytes.length - 1);
          } else {
            out.write(bytes);
          }
        }
      }
    } catch (IOException e) {
      // the client gave up (timed out) before the answer: that is what the test asked for
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
