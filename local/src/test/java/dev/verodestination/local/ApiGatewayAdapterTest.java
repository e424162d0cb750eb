package dev.verodestination.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpServer;
import dev.verodestination.local.store.StoreHealth;
import dev.verodestination.log.JsonLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiGatewayAdapterTest {

  private static final String FULL = "the queue store cannot write to /data (IOException: No space left on device)";

  private final StoreHealth store = new StoreHealth();
  private final AtomicInteger calls = new AtomicInteger();
  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
  private Runnable duringTheCall = () -> { };
  private HttpServer server;

  private HttpResponse<String> post() throws Exception {
    RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler = (event, context) -> {
      calls.incrementAndGet();
      duringTheCall.run();
      return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody("{\"success\":true}").build();
    };
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", new ApiGatewayAdapter(handler, "ingest", 15,
        new JsonLog("local", new PrintStream(logged, true, StandardCharsets.UTF_8)), store));
    server.start();
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/track"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void whileTheStoreCannotWriteNothingReachesTheFunction() throws Exception {
    store.failed(FULL);
    HttpResponse<String> response = post();
    assertEquals(503, response.statusCode());
    assertEquals("{\"success\":false,\"error\":\"" + FULL + ": nothing was accepted, send it again later\"}", response.body());
    assertEquals(0, calls.get());
    String log = logged.toString(StandardCharsets.UTF_8);
    assertEquals(1, log.lines().count(), log);
    assertTrue(log.contains("\"level\":\"ERROR\",\"component\":\"local\",\"message\":\"request refused: the queue store cannot write\","
        + "\"function\":\"ingest\",\"path\":\"/v1/track\",\"error\":\"" + FULL + "\""), log);
  }

  @Test
  void aWriteThatFailsDuringTheRequestTurnsItsSuccessInto503() throws Exception {
    duringTheCall = () -> store.failed(FULL);
    HttpResponse<String> response = post();
    assertEquals(1, calls.get());
    assertEquals(503, response.statusCode());
    assertTrue(response.body().contains("nothing was accepted"), response.body());
  }

  @Test
  void aStoreThatWritesAgainLetsRequestsThrough() throws Exception {
    store.failed(FULL);
    store.recovered();
    HttpResponse<String> response = post();
    assertEquals(200, response.statusCode());
    assertEquals("{\"success\":true}", response.body());
    assertEquals("", logged.toString(StandardCharsets.UTF_8));
  }
}
