package dev.verodestination.bench;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.verodestination.deliver.DeliverConfig;
import dev.verodestination.deliver.vero.VeroCredential;
import dev.verodestination.deliver.vero.MappingRules;
import dev.verodestination.config.Settings;
import dev.verodestination.deliver.DeliverHandler;
import dev.verodestination.deliver.DeliverWiring;
import dev.verodestination.deliver.VeroCallLines;
import dev.verodestination.local.InMemoryCallProgress;
import dev.verodestination.local.RunnerSuppressedUsers;
import dev.verodestination.local.LocalRunner;
import dev.verodestination.http.BasicAuth;
import dev.verodestination.log.JsonLog;
import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.FakeHttpServer.Reply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * (a) deliver concurrency: a batch of ten users' messages against a Vero that answers in 100 ms,
 * beside one call; (b) end to end through the local runner: events per second delivered to a Vero
 * that answers at once, and CPU seconds per 1,000 events. Usage:
 * {@code java -cp bench/target/benchmarks.jar dev.verodestination.bench.Throughput [events=20000]}.
 */
public final class Throughput {

  private Throughput() {}

  public static void main(String[] args) throws Exception {
    // before any server starts: the JDK server answers headers and body in two writes, and without
    // TCP_NODELAY the body waits out the client's delayed ACK (about 40 ms), which no real Vero adds
    System.setProperty("sun.net.httpserver.nodelay", "true");
    if (args.length > 0 && args[0].equals("model")) {
      model(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
      System.exit(0);
    }
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    System.out.printf(Locale.ROOT, "throughput: JVM %s, %d cores%n", System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());
    deliverConcurrency();
    endToEnd(events);
    System.exit(0);
  }

  private static void deliverConcurrency() throws Exception {
    try (FakeHttpServer vero = new FakeHttpServer(r -> Reply.ok().delayedBy(100));
        LocalRunner sqsHolder = LocalRunner.start(new Settings(Map.of("PORT", "0", "DELIVER_CONCURRENCY", "1",
            "DATA_DIR", "memory")),
        new PrintStream(new ByteArrayOutputStream()))) {
      DeliverConfig config = new DeliverConfig(sqsHolder.queueUrl(), sqsHolder.dlqUrl(),
          URI.create(vero.baseUri() + "/api/v2"), Optional.of(VeroCredential.authToken("t")), 1, 2, Duration.ofSeconds(5), Optional.empty(), MappingRules.SEGMENT, 10, 3, VeroCallLines.ALL);
      JsonLog quiet = new JsonLog("bench", new PrintStream(new ByteArrayOutputStream()));
      DeliverHandler handler = new DeliverHandler(DeliverWiring.wire(config, sqsHolder.sqs(), new InMemoryCallProgress(),
          RunnerSuppressedUsers.inMemory(Clock.systemUTC()), Clock.systemUTC(), quiet));
      List<Long> one = new ArrayList<>();
      List<Long> ten = new ArrayList<>();
      for (int round = 0; round < 7; round++) {
        one.add(time(handler, batchOf(1, round)));
        ten.add(time(handler, batchOf(10, round)));
      }
      long oneMedian = median(one);
      long tenMedian = median(ten);
      System.out.printf(Locale.ROOT, "deliver concurrency: one call %d ms, batch of 10 users %d ms, ratio %.2f (target <= 1.5)%n",
          oneMedian, tenMedian, (double) tenMedian / oneMedian);
    }
  }

  private static SQSEvent batchOf(int users, int round) {
    List<SQSEvent.SQSMessage> records = new ArrayList<>();
    for (int user = 0; user < users; user++) {
      SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
      message.setMessageId("r" + round + "-u" + user);
      message.setReceiptHandle("unused");
      message.setBody(Samples.event(user).replace("user-" + (user % 37) + "-7f3a9c", "user-" + user));
      message.setAttributes(Map.of("MessageGroupId", "user-" + user, "ApproximateReceiveCount", "1"));
      records.add(message);
    }
    SQSEvent event = new SQSEvent();
    event.setRecords(records);
    return event;
  }

  private static long time(DeliverHandler handler, SQSEvent event) {
    long started = System.nanoTime();
    if (!handler.handleRequest(event, null).getBatchItemFailures().isEmpty()) {
      throw new IllegalStateException("the stand-in Vero answers 200 to everything");
    }
    return (System.nanoTime() - started) / 1_000_000;
  }

  private static void endToEnd(int events) throws Exception {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (FakeHttpServer vero = new FakeHttpServer(r -> Reply.ok());
        LocalRunner runner = LocalRunner.start(new Settings(Map.of("PORT", "0", "WRITE_KEYS", "bench-key",
        "DATA_DIR", "memory",
        "VERO_AUTH_TOKEN", "t", "VERO_API_URL", vero.baseUri() + "/api/v2",
        "DELIVER_CONCURRENCY", System.getProperty("concurrency", "5"))),
        new PrintStream(new ByteArrayOutputStream()))) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      URI batchUrl = URI.create("http://127.0.0.1:" + runner.port() + "/v1/batch");
      String auth = BasicAuth.header("bench-key");
      long cpuBefore = os.getProcessCpuTime();
      long started = System.nanoTime();
      ExecutorService clients = Executors.newFixedThreadPool(4);
      List<Future<Integer>> posts = new ArrayList<>();
      for (int from = 0; from < events; from += 100) {
        int first = from;
        posts.add(clients.submit(() -> {
          StringBuilder batch = new StringBuilder("{\"batch\":[");
          for (int i = first; i < Math.min(first + 100, events); i++) {
            batch.append(i == first ? "" : ",").append(Samples.event(i).replace("6f1d2c3b-4a5e-4f60-8a7b-", "e2e-" + i + "-"));
          }
          batch.append("]}");
          return http.send(HttpRequest.newBuilder(batchUrl).header("authorization", auth).header("content-type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(batch.toString())).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }));
      }
      for (Future<Integer> post : posts) {
        if (post.get() != 200) {
          throw new IllegalStateException("ingest answered " + post.get());
        }
      }
      long ingested = System.nanoTime();
      clients.shutdown();
      while (vero.requestCount() < events) {
        Thread.sleep(20);
      }
      long done = System.nanoTime();
      double seconds = (done - started) / 1e9;
      double cpuSeconds = (os.getProcessCpuTime() - cpuBefore) / 1e9;
      int cores = Runtime.getRuntime().availableProcessors();
      System.out.printf(Locale.ROOT, "end to end: %d events in %.1f s (all ingested after %.1f s): %.0f events/s delivered, "
              + "%.0f events/s per core; %.2f CPU s per 1,000 events (ingest, ElasticMQ, deliver, the stand-in Vero and the "
              + "HTTP client, all in this JVM)%n",
          events, seconds, (ingested - started) / 1e9, events / seconds, events / seconds / cores, cpuSeconds / events * 1000);
    }
  }

  /**
   * Delivery against its model: with Vero answering in {@code latencyMs}, at most
   * {@code min(users, 10 × concurrency)} calls are in flight (each poller's batch of ten runs its
   * users side by side, a user's own messages one after another), so delivery is bounded by
   * {@code min(users, 10 × concurrency) / latency}. Measures the steady rate (10% to 90% of the
   * events delivered) and how many users each batch held, from deliver's "batch done" lines.
   */
  private static void model(int events, int users, int latencyMs, int concurrency) throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (FakeHttpServer vero = new FakeHttpServer(r -> Reply.ok().delayedBy(latencyMs));
        LocalRunner runner = LocalRunner.start(new Settings(Map.of("PORT", "0", "WRITE_KEYS", "bench-key", "DATA_DIR", "memory",
            "VERO_AUTH_TOKEN", "t", "VERO_API_URL", vero.baseUri() + "/api/v2", "DELIVER_CONCURRENCY", Integer.toString(concurrency))),
            new PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8))) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      URI batchUrl = URI.create("http://127.0.0.1:" + runner.port() + "/v1/batch");
      for (int from = 0; from < events; from += 100) {
        StringBuilder batch = new StringBuilder("{\"batch\":[");
        for (int i = from; i < Math.min(from + 100, events); i++) {
          batch.append(i == from ? "" : ",").append("{\"type\":\"track\",\"userId\":\"u-").append(i % users)
              .append("\",\"event\":\"E\",\"messageId\":\"m-").append(i).append("\",\"properties\":{\"n\":").append(i).append("}}");
        }
        batch.append("]}");
        int status = http.send(HttpRequest.newBuilder(batchUrl).header("authorization", BasicAuth.header("bench-key"))
            .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(batch.toString())).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 200) {
          throw new IllegalStateException("ingest answered " + status);
        }
      }
      // the steady part: from where the count stands once all is queued (or at 10%) to 90%
      long fromNanos = 0;
      int fromCount = 0;
      long toNanos = 0;
      int toCount = 0;
      while (vero.requestCount() < events) {
        int done = vero.requestCount();
        if (fromNanos == 0 && done >= events / 10) {
          fromNanos = System.nanoTime();
          fromCount = done;
        }
        if (toNanos == 0 && done >= events * 9 / 10) {
          toNanos = System.nanoTime();
          toCount = done;
        }
        Thread.sleep(5);
      }
      double rate = (toCount - fromCount) / ((toNanos - fromNanos) / 1e9);
      long batches = 0;
      long messages = 0;
      long usersInBatches = 0;
      for (String line : log.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
        if (line.contains("\"batch done\"")) {
          com.fasterxml.jackson.databind.JsonNode done = dev.verodestination.json.Json.MAPPER.readTree(line);
          batches++;
          messages += done.path("received").asLong();
          usersInBatches += done.path("users").asLong();
        }
      }
      String keep = System.getProperty("log");
      if (keep != null) {
        java.nio.file.Files.write(java.nio.file.Path.of(keep), log.toByteArray());
      }
      double bound = Math.min(users, 10.0 * concurrency) * 1000.0 / latencyMs;
      double usersPerBatch = (double) usersInBatches / batches;
      double batchBound = Math.min(users, concurrency * usersPerBatch) * 1000.0 / latencyMs;
      System.out.printf(Locale.ROOT, "model: events=%d users=%d concurrency=%d vero_latency_ms=%d bound=%.0f/s measured=%.0f/s "
              + "ratio=%.2f; batches=%d messages_per_batch=%.1f users_per_batch=%.1f; bound at that parallelism=%.0f/s ratio=%.2f%n",
          events, users, concurrency, latencyMs, bound, rate, rate / bound, batches, (double) messages / batches, usersPerBatch,
          batchBound, rate / batchBound);
    }
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
