package dev.verodestination.bench;

import dev.verodestination.local.QueueSetup;
import dev.verodestination.testing.ElasticMq;
import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.FakeHttpServer.Reply;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The cold-start harness: for each function, starts fresh JVMs with only its jar on the class path
 * and times process start to first event handled, against ElasticMQ and a Vero/Segment stand-in on
 * 127.0.0.1, beside a baseline JVM that only parses the same event with Jackson. Also times the
 * first event in-process with and without SnapStart priming, the first event after a restore-like
 * priming (see {@link FunctionProbe}), and reads each JVM's peak RSS. Ends with one line per
 * function: {@code function=ingest cold_ratio=3.31 restore_ratio=0.24}.
 *
 * <p>Run from the project root: {@code bench/cold-start.sh [runs] [extra JVM flags...]}.
 */
public final class ColdStart {

  /** A function as the probe starts it: its handler, the event class and sample, its priming. */
  record Function(String name, String handler, String eventClass, String event, String priming) {}

  static final List<Function> FUNCTIONS = List.of(
      new Function("ingest", "dev.verodestination.ingest.IngestHandler",
          "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent", "events/ingest/track.json", "dev.verodestination.ingest.IngestPriming"),
      new Function("deliver", "dev.verodestination.deliver.DeliverHandler",
          "com.amazonaws.services.lambda.runtime.events.SQSEvent", "events/deliver/identify.json", "dev.verodestination.deliver.DeliverPriming"),
      new Function("webhook", "dev.verodestination.webhook.WebhookHandler",
          "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent", "events/webhook/opened.json", "dev.verodestination.webhook.WebhookPriming"));

  private record Run(long wallMillis, long firstMicros, long peakRssKb, String answer) {}

  private static final int WARM_UP_MESSAGES = 3000;

  private ColdStart() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    List<String> jvmFlags = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      jvmFlags.add(args[i]);
    }
    Path root = Path.of("").toAbsolutePath();
    String probeClasses = root.resolve("bench/target/classes").toString();

    try (ElasticMq elasticMq = new ElasticMq().start(); FakeHttpServer standIn = new FakeHttpServer(r -> Reply.ok())) {
      SqsClient sqs = elasticMq.sqs();
      URI sqsEndpoint = elasticMq.endpoint();
      String standInUrl = standIn.baseUri().toString();
      QueueSetup.Queues queues = QueueSetup.create(sqs, "coldstart", 10);
      warmUp(sqs, queues.queueUrl());
      Map<String, String> env = environment(sqsEndpoint, queues, standInUrl);

      System.out.printf(Locale.ROOT, "cold start: %d runs each, JVM %s, flags %s, %d cores%n", runs,
          System.getProperty("java.version"), jvmFlags.isEmpty() ? "(none)" : String.join(" ", jvmFlags),
          Runtime.getRuntime().availableProcessors());
      System.out.println("| function | jar MB | baseline median ms | cold median ms (min-max) | ratio | first event in-process ms: unprimed / primed | restore-like first event ms | restore ratio | peak RSS MB |");
      System.out.println("|---|---|---|---|---|---|---|---|---|");
      List<String> summary = new ArrayList<>();
      for (Function function : FUNCTIONS) {
        Path jar = root.resolve("functions/" + function.name() + "/target/vero-destination-" + function.name() + ".jar");
        String classPath = jar + File.pathSeparator + probeClasses;
        List<Run> baseline = new ArrayList<>();
        List<Run> cold = new ArrayList<>();
        List<Run> primed = new ArrayList<>();
        List<Run> restored = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
          baseline.add(run(classPath, jvmFlags, env, List.of("baseline", function.event())));
          cold.add(run(classPath, jvmFlags, env, List.of("cold", function.event(), function.handler(), function.eventClass())));
          primed.add(run(classPath, jvmFlags, env,
              List.of("primed", function.event(), function.handler(), function.eventClass(), function.priming())));
          restored.add(run(classPath, jvmFlags, env, List.of("restore", function.event(), function.handler(), function.eventClass())));
        }
        long baseMedian = median(baseline.stream().map(Run::wallMillis).toList());
        long coldMedian = median(cold.stream().map(Run::wallMillis).toList());
        double restoreMillis = median(restored.stream().map(Run::firstMicros).toList()) / 1000.0;
        double coldRatio = (double) coldMedian / baseMedian;
        double restoreRatio = restoreMillis / baseMedian;
        summary.add(String.format(Locale.ROOT, "function=%s cold_ratio=%.2f restore_ratio=%.2f", function.name(), coldRatio, restoreRatio));
        System.out.printf(Locale.ROOT, "| %s | %.1f | %d | %d (%d-%d) | %.2f | %.1f / %.1f | %.1f | %.2f | %d |%n",
            function.name(), Files.size(jar) / 1_048_576.0, baseMedian, coldMedian,
            cold.stream().mapToLong(Run::wallMillis).min().orElse(0), cold.stream().mapToLong(Run::wallMillis).max().orElse(0),
            coldRatio,
            median(cold.stream().map(Run::firstMicros).toList()) / 1000.0,
            median(primed.stream().map(Run::firstMicros).toList()) / 1000.0,
            restoreMillis, restoreRatio,
            cold.stream().mapToLong(Run::peakRssKb).max().orElse(0) / 1024);
        System.out.println("  answers: cold=" + cold.get(0).answer() + " primed=" + primed.get(0).answer()
            + " restore=" + restored.get(0).answer());
      }
      // one line per function for scripts: ratios against the baseline JVM of this run
      summary.forEach(System.out::println);
    }
  }

  /**
   * What every probed function reads from its environment: ElasticMQ's queues, the stand-in as Vero
   * and Segment, and as the progress table (an empty one: deliver reads the suppressed users' count at
   * its first message, and the stand-in's answer holds no item).
   */
  static Map<String, String> environment(URI sqsEndpoint, QueueSetup.Queues queues, String standInUrl) {
    Map<String, String> env = new HashMap<>(Map.of(
        "AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "bench", "AWS_SECRET_ACCESS_KEY", "bench",
        "AWS_ENDPOINT_URL", sqsEndpoint.toString(),
        "WRITE_KEYS", "sample-write-key", "QUEUE_URL", queues.queueUrl(), "DLQ_URL", queues.dlqUrl(),
        "WEBHOOK_DLQ_URL", queues.webhookDlqUrl(), "VERO_AUTH_TOKEN", "bench-token"));
    env.putAll(Map.of("VERO_API_URL", standInUrl + "/api/v2", "PROGRESS_TABLE", "coldstart-progress",
        "AWS_ENDPOINT_URL_DYNAMODB", standInUrl,
        "VERO_WEBHOOK_TOKEN", "sample-webhook-token", "SEGMENT_WRITE_KEY", "bench-segment", "SEGMENT_API_URL", standInUrl + "/v1"));
    return env;
  }

  /** A fresh JVM with only the function's jar and the probe on its class path, and only {@code env}. */
  static ProcessBuilder probe(String classPath, List<String> jvmFlags, Map<String, String> env, List<String> probeArgs) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.add("-cp");
    command.add(classPath);
    command.add(FunctionProbe.class.getName());
    command.addAll(probeArgs);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(env);
    return builder;
  }

  private static Run run(String classPath, List<String> jvmFlags, Map<String, String> env, List<String> probeArgs) throws Exception {
    ProcessBuilder builder = probe(classPath, jvmFlags, env, probeArgs);
    long started = System.nanoTime();
    Process process = builder.start();
    String probeLine = null;
    StringBuilder output = new StringBuilder();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.startsWith("PROBE ")) {
          probeLine = line;
          break;
        }
        output.append(line).append('\n');
      }
    }
    long wall = (System.nanoTime() - started) / 1_000_000;
    process.waitFor();
    if (probeLine == null) {
      throw new IllegalStateException("the probe printed no result:\n" + output);
    }
    Map<String, String> fields = new HashMap<>();
    for (String part : probeLine.substring(6).split(" ", 4)) {
      int eq = part.indexOf('=');
      fields.put(part.substring(0, eq), part.substring(eq + 1));
    }
    return new Run(wall, Long.parseLong(fields.get("firstMicros")), Long.parseLong(fields.get("peakRssKb")), fields.get("answer"));
  }

  /**
   * SQS answers a function's first call as fast as any other: so must ElasticMQ, which runs in this
   * JVM and, unwarmed, took 15-25 ms a request, more than ingest's whole first event.
   */
  private static void warmUp(SqsClient sqs, String queueUrl) {
    for (int i = 0; i < WARM_UP_MESSAGES; i++) {
      String id = "warm-up-" + i;
      sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody("{}").messageGroupId(id).messageDeduplicationId(id));
    }
    sqs.purgeQueue(r -> r.queueUrl(queueUrl));
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
