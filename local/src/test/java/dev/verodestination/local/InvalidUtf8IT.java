package dev.verodestination.local;

import static dev.verodestination.testing.Eventually.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verodestination.http.BasicAuth;
import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.FakeHttpServer.Reply;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue #24, finding 7: bytes that are not UTF-8 never reach Vero as some other character. */
class InvalidUtf8IT {

  private static HttpResponse<String> postBytes(Pipeline pipeline, byte[] body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pipeline.runner.port() + "/v1/track"))
        .header("authorization", BasicAuth.header(Pipeline.WRITE_KEY))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] track(String event, byte... middle) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("{\"userId\":\"ada\",\"event\":\"" + event).getBytes(StandardCharsets.UTF_8));
    body.writeBytes(middle);
    body.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
    return body.toByteArray();
  }

  @Test
  void anOverlongSlashIsRefusedWith400AndOnlyRealTextReachesVero() throws Exception {
    try (FakeHttpServer vero = new FakeHttpServer(r -> Reply.ok());
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), Map.of())) {
      HttpResponse<String> overlong = postBytes(pipeline, track("a", (byte) 0xC0, (byte) 0xAF, (byte) 'b'));
      assertEquals(400, overlong.statusCode());
      assertEquals("{\"success\":false,\"error\":\"body is not valid UTF-8: byte 0xC0 at offset 26 starts an overlong encoding\"}",
          overlong.body());
      assertEquals(400, postBytes(pipeline, track("a", (byte) 0xED, (byte) 0xA0, (byte) 0x80)).statusCode(), "a raw surrogate");
      assertEquals(400, postBytes(pipeline, track("a", (byte) 0xFF)).statusCode());

      assertEquals(200, postBytes(pipeline, track("a/b")).statusCode());
      waitFor("the real slash delivered", Duration.ofSeconds(30), () -> pipeline.runner.counters().delivered() == 1);
      assertEquals(1, vero.processed().size());
      assertTrue(vero.processed().get(0).body().contains("\"event_name\":\"a/b\""), vero.processed().get(0).body());
    }
  }
}
