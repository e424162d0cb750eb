package dev.verodestination.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.verodestination.config.Settings;
import dev.verodestination.deliver.DeliverConfig;
import dev.verodestination.deliver.vero.VeroCredential;
import dev.verodestination.deliver.DeliverHandler;
import dev.verodestination.deliver.DeliverWiring;
import dev.verodestination.deliver.VeroCallLines;
import dev.verodestination.local.InMemoryCallProgress;
import dev.verodestination.local.RunnerSuppressedUsers;
import dev.verodestination.ingest.IngestConfig;
import dev.verodestination.ingest.IngestHandler;
import dev.verodestination.ingest.IngestWiring;
import dev.verodestination.local.LocalContext;
import dev.verodestination.local.SqsEventRecord;
import dev.verodestination.log.JsonLog;
import dev.verodestination.deliver.vero.MappingRules;
import dev.verodestination.testing.ApiGatewayEvents;
import dev.verodestination.testing.ElasticMq;
import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.FakeHttpServer.Reply;
import dev.verodestination.testing.QueueReader;
import dev.verodestination.webhook.WebhookConfig;
import dev.verodestination.webhook.WebhookHandler;
import dev.verodestination.webhook.WebhookIntake;
import dev.verodestination.webhook.WebhookWiring;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The cost of a million events, from what each function measurably does with them here: run the
 * three handlers, built by their own wiring, against ElasticMQ and stand-ins of Vero and Segment
 * that answer after a stated latency; measure each invocation's wall time, CPU time, log bytes,
 * outbound bytes and SQS calls; price three traffic shapes at 256, 512 and 1024 MB on arm64.
 *
 * <pre>java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp bench/target/benchmarks.jar dev.verodestination.bench.Cost [VERO_MS SEGMENT_MS SQS_MS]</pre>
 * ({@code -Dlog=FILE} keeps the functions' log lines.)
 */
public final class Cost {

  private static final String WRITE_KEY = "cost-write-key";
  private static final String WEBHOOK_TOKEN = "cost-webhook-token";
  private static final int[] MEMORY_SIZES = {256, 512, 1024};

  public static void main(String[] args) throws Exception {
    int veroMs = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int segmentMs = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    int sqsMs = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    // the stand-ins answer in their stated latency, not in that plus a delayed ACK (docs/performance.md)
    System.setProperty("sun.net.httpserver.nodelay", "true");
    System.out.printf(Locale.ROOT, "cost: vero_latency_ms=%d segment_latency_ms=%d sqs_latency_ms=%d (prices: %s)%n",
        veroMs, segmentMs, sqsMs, AwsPrices.AS_OF);
    try (ElasticMq elasticMq = new ElasticMq().start();
        FakeHttpServer vero = new FakeHttpServer(r -> Reply.ok().delayedBy(veroMs));
        FakeHttpServer segment = new FakeHttpServer(r -> Reply.ok().delayedBy(segmentMs))) {
      String queueUrl = elasticMq.fifoQueue("cost-events");
      String dlqUrl = elasticMq.fifoQueue("cost-dlq");
      SqsCalls sqsCalls = new SqsCalls();
      SqsClient sqs = sqsCalls.around(elasticMq.sqs());
      AtomicLong logBytes = new AtomicLong();
      OutputStream kept = System.getProperty("log") == null ? OutputStream.nullOutputStream()
          : new BufferedOutputStream(new FileOutputStream(System.getProperty("log")));
      JsonLog log = new JsonLog("cost", new PrintStream(counting(logBytes, kept), true, StandardCharsets.UTF_8));

      IngestHandler ingest = new IngestHandler(IngestWiring.wire(new IngestConfig(List.of(WRITE_KEY), Optional.empty(), queueUrl), sqs,
          Clock.systemUTC(), log));
      InvocationProfile serverBatch = InvocationProfile.measure("ingest, a batch of 100 events", 150, 300,
          i -> accepted(ingest.handleRequest(ApiGatewayEvents.post("/v1/batch", batch(i * 100, 100, 0), WRITE_KEY), context("ingest"))),
          logBytes::get, sqsCalls, List.of());
      elasticMq.sqs().purgeQueue(r -> r.queueUrl(queueUrl));
      InvocationProfile browserEvent = InvocationProfile.measure("ingest, one event", 1000, 2000,
          i -> accepted(ingest.handleRequest(ApiGatewayEvents.post("/v1/t", event(100_000 + i, false), WRITE_KEY), context("ingest"))),
          logBytes::get, sqsCalls, List.of());
      elasticMq.sqs().purgeQueue(r -> r.queueUrl(queueUrl));

      DeliverHandler deliver = deliverHandler(queueUrl, dlqUrl, vero, sqs, log, VeroCallLines.FAILURES);
      List<SQSEvent> busy = batches(elasticMq, ingest, queueUrl, 200_000, 300, 10, 0);
      InvocationProfile deliverBusy = InvocationProfile.measure("deliver, 10 users a batch", 100, 200,
          i -> delivered(deliver.handleRequest(busy.get(i), context("deliver"))), logBytes::get, sqsCalls, List.of(vero));
      DeliverHandler deliverEachCall = deliverHandler(queueUrl, dlqUrl, vero, sqs, log, VeroCallLines.ALL);
      List<SQSEvent> busyAgain = batches(elasticMq, ingest, queueUrl, 500_000, 300, 10, 0);
      InvocationProfile deliverBusyEachCall = InvocationProfile.measure("deliver, 10 users a batch, VeroCallLines=all", 100, 200,
          i -> delivered(deliverEachCall.handleRequest(busyAgain.get(i), context("deliver"))), logBytes::get, sqsCalls, List.of(vero));
      List<SQSEvent> tagged = batches(elasticMq, ingest, queueUrl, 300_000, 300, 10, 0.10);
      InvocationProfile deliverTagged = InvocationProfile.measure("deliver, 10 users a batch, 10% with tags", 100, 200,
          i -> delivered(deliver.handleRequest(tagged.get(i), context("deliver"))), logBytes::get, sqsCalls, List.of(vero));
      List<SQSEvent> quiet = batches(elasticMq, ingest, queueUrl, 400_000, 300, 1, 0);
      InvocationProfile deliverQuiet = InvocationProfile.measure("deliver, one event a batch", 100, 200,
          i -> delivered(deliver.handleRequest(quiet.get(i), context("deliver"))), logBytes::get, sqsCalls, List.of(vero));

      WebhookHandler webhook = new WebhookHandler(WebhookWiring.wire(WebhookConfig.from(new Settings(Map.of(
          "SEGMENT_WRITE_KEY", "cost-segment-key", "SEGMENT_API_URL", segment.baseUri() + "/v1")), WEBHOOK_TOKEN, dlqUrl),
          sqs, Clock.systemUTC(), log));
      APIGatewayV2HTTPEvent webhookEvent = ApiGatewayEvents.post(WebhookIntake.ROUTE_PREFIX + WEBHOOK_TOKEN,
          new String(Samples.webhook(), StandardCharsets.UTF_8), Map.of("content-type", "application/json"));
      InvocationProfile webhookForward = InvocationProfile.measure("webhook, one email event", 100, 300,
          i -> forwarded(webhook.handleRequest(webhookEvent, context("webhook"))), logBytes::get, sqsCalls, List.of(segment));

      for (InvocationProfile profile : List.of(serverBatch, browserEvent, deliverBusy, deliverBusyEachCall, deliverTagged, deliverQuiet,
          webhookForward)) {
        System.out.println(profile.line());
      }
      report(new CostModel(sqsMs), serverBatch, browserEvent, deliverBusy, deliverTagged, deliverQuiet, webhookForward);
      options(new CostModel(sqsMs), serverBatch, browserEvent, deliverBusy, deliverBusyEachCall, deliverTagged, deliverQuiet,
          webhookForward);
    }
    System.exit(0);
  }

  private static void report(CostModel model, InvocationProfile serverBatch, InvocationProfile browserEvent,
      InvocationProfile deliverBusy, InvocationProfile deliverTagged, InvocationProfile deliverQuiet, InvocationProfile webhook) {
    Map<String, CostModel.Part[]> shapes = shapes(serverBatch, browserEvent, deliverBusy, deliverTagged, deliverQuiet, webhook);
    System.out.println();
    System.out.println("billed ms per invocation (arm64, CPU stretched by 1769 MB / memory):");
    for (InvocationProfile profile : List.of(serverBatch, browserEvent, deliverBusy, deliverTagged, deliverQuiet, webhook)) {
      StringBuilder line = new StringBuilder("  " + profile.name() + ":");
      for (int memory : MEMORY_SIZES) {
        line.append(String.format(Locale.ROOT, " %d MB %.1f ms;", memory, model.billedMs(profile, memory)));
      }
      System.out.println(line);
    }
    System.out.println();
    System.out.println(CostModel.header());
    Map<Integer, Double> allShapes = new TreeMap<>();
    shapes.forEach((shape, parts) -> {
      for (int memory : MEMORY_SIZES) {
        Map<String, Double> cost = model.perMillion(parts, memory);
        System.out.println(CostModel.row(shape, memory, cost));
        allShapes.merge(memory, CostModel.total(cost), Double::sum);
      }
    });
    int cheapest = allShapes.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
    System.out.printf(Locale.ROOT, "%ncheapest memory over all shapes: %d MB (sum of the shapes' totals: %s)%n", cheapest,
        allShapes.entrySet().stream().map(e -> String.format(Locale.ROOT, "%d MB $%.2f", e.getKey(), e.getValue())).toList());
  }

  /**
   * At template.yaml's memory, each shape at the defaults, behind function URLs, and with each log
   * option a user may turn back on; a line per Vero call is measured on the busy batches only.
   */
  private static void options(CostModel model, InvocationProfile serverBatch, InvocationProfile browserEvent,
      InvocationProfile deliverBusy, InvocationProfile deliverBusyEachCall, InvocationProfile deliverTagged,
      InvocationProfile deliverQuiet, InvocationProfile webhook) {
    Map<String, CostModel.Part[]> shapes = shapes(serverBatch, browserEvent, deliverBusy, deliverTagged, deliverQuiet, webhook);
    Map<String, CostModel.Part[]> eachCall = shapes(serverBatch, browserEvent, deliverBusyEachCall, deliverTagged, deliverQuiet, webhook);
    CostModel.Setup defaults = CostModel.Setup.DEFAULTS;
    List<CostModel.Setup> setups = List.of(defaults, defaults.withFunctionUrls(), defaults.withSystemInfo(), defaults.withAccessLog(),
        CostModel.Setup.BEFORE);
    System.out.println();
    System.out.println("$ per million events at 512 MB, by set-up:");
    StringBuilder header = new StringBuilder("| shape |");
    setups.forEach(setup -> header.append(' ').append(setup.name()).append(" |"));
    System.out.println(header.append(" defaults, VeroCallLines=all |"));
    System.out.println("|---".repeat(setups.size() + 2) + "|");
    shapes.forEach((shape, parts) -> {
      StringBuilder row = new StringBuilder("| " + shape + " |");
      setups.forEach(setup -> row.append(String.format(Locale.ROOT, " %.2f |", CostModel.total(model.perMillion(parts, 512, setup)))));
      boolean busy = java.util.Arrays.stream(parts).anyMatch(part -> part.profile() == deliverBusy);
      row.append(busy ? String.format(Locale.ROOT, " %.2f |", CostModel.total(model.perMillion(eachCall.get(shape), 512))) : " — |");
      System.out.println(row);
    });
  }

  private static Map<String, CostModel.Part[]> shapes(InvocationProfile serverBatch, InvocationProfile browserEvent,
      InvocationProfile deliverBusy, InvocationProfile deliverTagged, InvocationProfile deliverQuiet, InvocationProfile webhook) {
    Map<String, CostModel.Part[]> shapes = new LinkedHashMap<>();
    shapes.put("server libraries, batches of 100", new CostModel.Part[] {
        new CostModel.Part(serverBatch, 0.01, true, 0), new CostModel.Part(deliverBusy, 0.1, false, 2)});
    shapes.put("browsers, one event a request", new CostModel.Part[] {
        new CostModel.Part(browserEvent, 1, true, 0), new CostModel.Part(deliverBusy, 0.1, false, 2)});
    shapes.put("server batches, 10% with tags", new CostModel.Part[] {
        new CostModel.Part(serverBatch, 0.01, true, 0), new CostModel.Part(deliverTagged, 0.1, false, 2)});
    shapes.put("browsers on a quiet queue (one event a batch)", new CostModel.Part[] {
        new CostModel.Part(browserEvent, 1, true, 0), new CostModel.Part(deliverQuiet, 1, false, 2)});
    shapes.put("Vero webhooks (per million email events)", new CostModel.Part[] {new CostModel.Part(webhook, 1, true, 0)});
    return shapes;
  }

  /** Deliver as template.yaml sets it up (with {@code callLines}), against the stand-in Vero. */
  private static DeliverHandler deliverHandler(String queueUrl, String dlqUrl, FakeHttpServer vero, SqsClient sqs, JsonLog log,
      VeroCallLines callLines) {
    return new DeliverHandler(DeliverWiring.wire(new DeliverConfig(queueUrl, dlqUrl, URI.create(vero.baseUri() + "/api/v2"),
        Optional.of(VeroCredential.authToken("cost-vero-token")), 1, 2, Duration.ofSeconds(5), Optional.empty(), MappingRules.SEGMENT,
        10, 3, callLines), sqs, new InMemoryCallProgress(), RunnerSuppressedUsers.inMemory(Clock.systemUTC()), Clock.systemUTC(), log));
  }

  /** As Lambda hands it, so that each log line carries its request id and function version. */
  private static LocalContext context(String function) {
    return new LocalContext(function, 30);
  }

  /** {@code count} deliver batches of {@code users} users each, queued through ingest as Lambda would receive them. */
  private static List<SQSEvent> batches(ElasticMq elasticMq, IngestHandler ingest, String queueUrl, int offset, int count, int users,
      double tagShare) {
    Random random = new Random(13);
    int events = count * users;
    for (int first = 0; first < events; first += 100) {
      accepted(ingest.handleRequest(ApiGatewayEvents.post("/v1/batch", batch(offset + first, Math.min(100, events - first), tagShare, random),
          WRITE_KEY), null));
    }
    List<SQSEvent.SQSMessage> received = new ArrayList<>();
    QueueReader.drain(elasticMq.sqs(), queueUrl).forEach(m -> received.add(SqsEventRecord.from(m, "arn:aws:sqs:us-east-1:000000000000:cost-events.fifo")));
    if (received.size() != events) {
      throw new IllegalStateException("queued " + received.size() + " of " + events + " events");
    }
    List<SQSEvent> batches = new ArrayList<>();
    for (int first = 0; first < events; first += users) {
      SQSEvent event = new SQSEvent();
      event.setRecords(new ArrayList<>(received.subList(first, first + users)));
      batches.add(event);
    }
    return batches;
  }

  private static String batch(int first, int events, double tagShare) {
    return batch(first, events, tagShare, new Random(first));
  }

  private static String batch(int first, int events, double tagShare, Random random) {
    StringBuilder batch = new StringBuilder("{\"batch\":[");
    for (int i = first; i < first + events; i++) {
      batch.append(i == first ? "" : ",").append(event(i, random.nextDouble() < tagShare));
    }
    return batch.append("],\"sentAt\":\"2026-11-28T12:00:00.000Z\"}").toString();
  }

  /** A track call of about 600 bytes from its own user, with a tags option (a second Vero call) when asked. */
  static String event(int i, boolean tags) {
    String event = Samples.event(i).replaceFirst("\"userId\":\"user-[0-9]+-7f3a9c\"", "\"userId\":\"user-" + i + "\"");
    return tags ? event.substring(0, event.length() - 1) + ",\"integrations\":{\"Vero\":{\"tags\":{\"action\":\"add\",\"values\":[\"buyer\"]}}}}"
        : event;
  }

  private static void accepted(APIGatewayV2HTTPResponse response) {
    if (response.getStatusCode() != 200) {
      throw new IllegalStateException("ingest answered " + response.getStatusCode() + ": " + response.getBody());
    }
  }

  private static void delivered(SQSBatchResponse response) {
    if (!response.getBatchItemFailures().isEmpty()) {
      throw new IllegalStateException("the stand-in Vero answers 200 to everything");
    }
  }

  private static void forwarded(APIGatewayV2HTTPResponse response) {
    if (!response.getBody().contains("\"forwarded\":true")) {
      throw new IllegalStateException("webhook answered " + response.getBody());
    }
  }

  /** Counts what the functions log; {@code -Dlog=FILE} keeps it too. */
  private static OutputStream counting(AtomicLong bytes, OutputStream kept) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        bytes.incrementAndGet();
        kept.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        bytes.addAndGet(len);
        kept.write(b, off, len);
      }

      @Override
      public void flush() throws IOException {
        kept.flush();
      }
    };
  }
}
