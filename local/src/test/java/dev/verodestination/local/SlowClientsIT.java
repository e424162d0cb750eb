package dev.verodestination.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Clients that announce a large body and never send it do not take the runner down. */
class SlowClientsIT {

  @Test
  void threeHundredStalledUploadsHoldNoPlatformThread() throws Exception {
    // issue #29, finding 7: 300 stalled uploads raised the runner's threads from 62 to 365, and they stayed up
    try (Pipeline pipeline = new Pipeline(URI.create("http://127.0.0.1:9/api/v2"), Map.of())) {
      var threads = java.lang.management.ManagementFactory.getThreadMXBean();
      assertEquals(200, pipeline.post("/v1/track", "{\"userId\":\"u\",\"event\":\"E\"}").statusCode());
      int before = threads.getThreadCount();
      List<Socket> stalled = new ArrayList<>();
      int during;
      try {
        for (int i = 0; i < 300; i++) {
          Socket socket = new Socket("127.0.0.1", pipeline.runner.port());
          socket.getOutputStream().write(("POST /v1/batch HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
              + "Content-Length: 100000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
          socket.getOutputStream().flush();
          stalled.add(socket);
        }
        Thread.sleep(1000);
        during = threads.getThreadCount();
        assertEquals(200, pipeline.post("/v1/track", "{\"userId\":\"u\",\"event\":\"E\"}").statusCode());
      } finally {
        for (Socket socket : stalled) {
          socket.close();
        }
      }
      System.out.printf("300 stalled uploads: platform threads %d before, %d during%n", before, during);
      assertTrue(during <= before + 16, "at most a few carrier threads more: " + before + " -> " + during);
      assertEquals(List.of(), Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
          .filter(name -> name.startsWith("runner-http")).toList(), "no platform thread serves a request");
      assertEquals(200, pipeline.post("/v1/track", "{\"userId\":\"u\",\"event\":\"E\"}").statusCode());
    }
  }

  @Test
  void thirtyStalledUploadsLeaveTheRunnerAnswering() throws Exception {
    // issue #11, defect 8: sixteen such connections held all the runner's threads and /health stopped answering
    try (Pipeline pipeline = new Pipeline(URI.create("http://127.0.0.1:9/api/v2"), Map.of())) {
      List<Socket> stalled = new ArrayList<>();
      try {
        for (int i = 0; i < 30; i++) {
          Socket socket = new Socket("127.0.0.1", pipeline.runner.port());
          OutputStream out = socket.getOutputStream();
          out.write(("POST /v1/batch HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
              + "Content-Length: 100000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
          out.flush();
          stalled.add(socket);
        }
        Thread.sleep(500);
        HttpResponse<String> health = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pipeline.runner.port() + "/health"))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        assertEquals(200, pipeline.post("/v1/track", "{\"userId\":\"u\",\"event\":\"E\"}").statusCode());
      } finally {
        for (Socket socket : stalled) {
          socket.close();
        }
      }
    }
  }
}
