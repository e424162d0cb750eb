package dev.verodestination.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.verodestination.config.InvalidSettingException;
import dev.verodestination.config.Settings;
import dev.verodestination.deliver.DeliverConfig;
import dev.verodestination.deliver.DeliverHandler;
import dev.verodestination.deliver.DeliverWiring;
import dev.verodestination.deliver.VeroCallLines;
import dev.verodestination.deliver.vero.VeroSender;
import dev.verodestination.ingest.IngestConfig;
import dev.verodestination.ingest.IngestHandler;
import dev.verodestination.ingest.IngestWiring;
import dev.verodestination.json.Json;
import dev.verodestination.local.store.StoreSalvage;
import dev.verodestination.local.debugger.DebuggerActivity;
import dev.verodestination.local.debugger.LineTee;
import dev.verodestination.local.dryrun.DryRunLines;
import dev.verodestination.local.dryrun.DryRunSegmentSender;
import dev.verodestination.local.dryrun.DryRunVeroSender;
import dev.verodestination.local.dryrun.DryRunWebhookAnswers;
import dev.verodestination.local.debugger.ObservedQueue;
import dev.verodestination.ops.DeadLetters;
import dev.verodestination.ops.Operator;
import dev.verodestination.log.JsonLog;
import dev.verodestination.webhook.WebhookConfig;
import dev.verodestination.webhook.WebhookHandler;
import dev.verodestination.webhook.WebhookIntake;
import dev.verodestination.webhook.WebhookWiring;
import dev.verodestination.webhook.SegmentSender;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The whole pipeline on one machine: the functions' handlers behind a JDK HTTP server on PORT, with
 * the queues of template.yaml in an embedded ElasticMQ (or at SQS_ENDPOINT).
 */
public final class LocalRunner implements AutoCloseable {

  private final LocalQueues queues;
  private final HttpServer server;
  private final ExecutorService httpThreads;
  private final List<EventSourcePoller> pollers;
  private final ProgressReporter progress;
  private final DeliveryCounters counters;
  private final List<String> writeKeys;

  private LocalRunner(LocalQueues queues, HttpServer server, ExecutorService httpThreads, List<EventSourcePoller> pollers,
      ProgressReporter progress, DeliveryCounters counters, List<String> writeKeys) {
    this.queues = queues;
    this.server = server;
    this.httpThreads = httpThreads;
    this.pollers = pollers;
    this.progress = progress;
    this.counters = counters;
    this.writeKeys = writeKeys;
  }

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals(StoreSalvage.COMMAND)) {
      System.exit(StoreSalvage.run(LocalQueues.dataDir(Settings.fromEnvironment()), Clock.systemUTC(), System.out, System.err));
    }
    if (args.length > 0) {
      System.exit(Operator.run(List.of(args), System.out, System.err));
    }
    try {
      LocalRunner runner = start(Settings.fromEnvironment(), System.out);
      Runtime.getRuntime().addShutdownHook(new Thread(runner::close, "local-runner-shutdown"));
    } catch (InvalidSettingException e) {
      new JsonLog("local").error(e.getMessage());
      System.exit(2);
    } catch (IOException e) {
      new JsonLog("local").error("cannot start: " + e.getMessage());
      System.exit(1);
    }
  }

  public static LocalRunner start(Settings settings, PrintStream out) throws IOException {
    JsonLog log = new JsonLog("local", out);
    settings.renameWarnings().forEach(log::warn);
    int port = settings.integer("PORT", 3000, 0, 65535);
    List<String> configuredKeys = settings.list("WRITE_KEYS");
    List<String> writeKeys = configuredKeys.isEmpty() ? List.of(madeUpSecret("local_")) : configuredKeys;
    Optional<String> configuredWebhookToken = settings.optional("VERO_WEBHOOK_TOKEN");
    String webhookToken = configuredWebhookToken.orElseGet(() -> madeUpSecret("hook_"));
    // before anything starts: a runner given both Vero credentials stops here, as the function would
    DeliverConfig.veroCredential(settings);

    LocalQueues queues = new LocalQueues(settings, log);
    try {
      return start(settings, out, log, queues, writeKeys, configuredKeys.isEmpty(), webhookToken, configuredWebhookToken.isEmpty(), port);
    } catch (RuntimeException | IOException e) {
      // a setting refused after the queues started: stop them, so that the refusal is the runner's last word
      queues.close();
      throw e;
    }
  }

  private static LocalRunner start(Settings settings, PrintStream out, JsonLog log, LocalQueues queues, List<String> writeKeys,
      boolean writeKeyMadeUp, String webhookToken, boolean webhookTokenMadeUp, int port) throws IOException {
    Clock clock = Clock.systemUTC();
    IngestConfig ingestConfig = IngestConfig.from(settings, writeKeys, queues.queues.queueUrl());
    boolean veroDryRun = DeliverConfig.veroCredential(settings).isEmpty();
    // a dry run shows each call it printed, whatever VERO_CALL_LINES says: the call lines are all it has to show
    DeliverConfig deliverConfig = DeliverConfig.from(veroDryRun ? settings.with(Map.of(VeroCallLines.SETTING, "all")) : settings,
        queues.queues.queueUrl(), queues.queues.dlqUrl());
    WebhookConfig webhookConfig = WebhookConfig.from(settings, webhookToken, queues.queues.webhookDlqUrl());
    boolean segmentDryRun = webhookConfig.segmentWriteKey().isEmpty();
    // the functions' log goes out as a dry run tells it, and to the debugger page too
    DebuggerActivity activity = new DebuggerActivity();
    PrintStream functionsOut = new PrintStream(new LineTee(out, DryRunLines.of(veroDryRun, segmentDryRun), activity::logLine, log), true,
        StandardCharsets.UTF_8);
    IngestHandler ingest = new IngestHandler(IngestWiring.wire(ingestConfig,
        new ObservedQueue(queues.sqs, activity), clock, new JsonLog("ingest", functionsOut)));

    // one deliver container per concurrent invocation, as Lambda runs them: each its own handler,
    // clients and threads for a batch's users; the progress store shared, as the DynamoDB table is
    int concurrency = settings.integer("DELIVER_CONCURRENCY", 5, 1, 64);
    String queueArn = queues.queueArn();
    DeliveryCounters counters = new DeliveryCounters(veroDryRun);
    InMemoryCallProgress callProgress = new InMemoryCallProgress();
    RunnerSuppressedUsers suppressed = new RunnerSuppressedUsers(queues.store(), clock);
    List<EventSourcePoller> pollers = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      VeroSender vero = veroDryRun ? new DryRunVeroSender() : DeliverWiring.veroClient(deliverConfig, clock);
      DeleteOnSettle settled = new DeleteOnSettle(queues.sqs, queues.queues.queueUrl(), counters, log);
      DeliverHandler deliver = new DeliverHandler(DeliverWiring.wire(deliverConfig, queues.sqs, callProgress, suppressed, vero, clock,
          new JsonLog("deliver", functionsOut), settled));
      pollers.add(new EventSourcePoller(queues.sqs, queues.queues.queueUrl(), queueArn, deliver, log, settled::deletedAlready));
    }

    SegmentSender segment = segmentDryRun ? new DryRunSegmentSender() : WebhookWiring.segmentClient(webhookConfig, clock);
    RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> webhook = DryRunWebhookAnswers.of(
        new WebhookHandler(WebhookWiring.wire(webhookConfig, queues.sqs, segment, clock, new JsonLog("webhook", functionsOut))),
        segmentDryRun);

    // the JDK server writes an answer's headers and body apart: without TCP_NODELAY each answer waits
    // out the client's delayed ACK (about 40 ms); read once, when the first server of the JVM starts
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
    // a virtual thread per request: a slow client holds its own, never the others', and hundreds of
    // stalled uploads hold no platform thread while they wait (a cached pool grew to one each, kept a minute)
    ExecutorService httpThreads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("runner-http-", 0).factory());
    server.setExecutor(httpThreads);
    server.createContext("/health", exchange -> {
      try (exchange) {
        ApiGatewayAdapter.respond(exchange, 200, "{\"status\":\"ok\"}", Map.of());
      }
    });
    // timeouts as template.yaml gives the functions
    ApiGatewayAdapter ingestRoutes = new ApiGatewayAdapter(ingest, "ingest", 15, log, queues.health());
    DebuggerRoutes debugger = new DebuggerRoutes(activity, new DeadLetters(queues.sqs, queues.queues.dlqUrl(), queues.queues.queueUrl()),
        Json.MAPPER.createObjectNode()
            .put("veroDryRun", veroDryRun)
            .put("segmentDryRun", segmentDryRun)
            .put("rules", ingestConfig.rules().summary())
            .put("mapping", deliverConfig.mapping().summary()));
    server.createContext("/", exchange -> {
      if (DebuggerRoutes.serves(exchange)) {
        debugger.handle(exchange);
      } else {
        ingestRoutes.handle(exchange);
      }
    });
    server.createContext(WebhookIntake.ROUTE_PREFIX, new ApiGatewayAdapter(webhook, "webhook", 25, log, queues.health()));
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    ObjectNode places = Json.MAPPER.createObjectNode()
        .put("sqsEndpoint", queues.endpoint.toString())
        .put("region", queues.region().id())
        .put("queueUrl", queues.queues.queueUrl())
        .put("dlqUrl", queues.queues.dlqUrl())
        .put("webhookDlqUrl", queues.queues.webhookDlqUrl())
        .put("ingestUrl", url)
        .put("writeKey", writeKeys.get(0))
        .put("webhookUrl", url + WebhookIntake.ROUTE_PREFIX + webhookToken);
    queues.ownCredential().ifPresent(credential -> places.put("sqsAccessKeyId", credential.accessKeyId())
        .put("sqsSecretAccessKey", credential.secretAccessKey()));
    OperatorRoutes operatorRoutes = new OperatorRoutes(places, callProgress, suppressed, activity);
    server.createContext(OperatorRoutes.PATH, operatorRoutes);
    server.createContext(OperatorRoutes.FORGET_PATH, operatorRoutes);
    server.createContext(OperatorRoutes.SUPPRESS_PATH, operatorRoutes);
    server.start();

    ObjectNode ready = log.line("INFO", "local runner ready")
        .put("url", "http://127.0.0.1:" + server.getAddress().getPort())
        .put("queueUrl", queues.queues.queueUrl())
        .put("dlqUrl", queues.queues.dlqUrl())
        .put("sqsEndpoint", queues.endpoint.toString());
    queues.dataDir().ifPresent(dir -> ready.put("dataDir", dir.toString())
        .put("dataNote", "accepted messages are kept here until delivered; a restart in the same folder resumes them (DATA_DIR to choose)")
        .put("restoredMessages", queues.restored()));
    ready.put("suppressedUsers", suppressed.count());
    ready.put("destinationRules", ingestConfig.rules().summary());
    ready.put("mapping", deliverConfig.mapping().summary());
    if (writeKeyMadeUp) {
      // the one exception to "no secrets in logs": a key made up for this process, useless elsewhere
      ready.put("writeKey", writeKeys.get(0)).put("writeKeyNote", "made up for this run; set WRITE_KEYS to choose your own");
    }
    if (webhookTokenMadeUp) {
      ready.put("veroWebhookUrl", "http://127.0.0.1:" + server.getAddress().getPort() + WebhookIntake.ROUTE_PREFIX + webhookToken)
          .put("veroWebhookNote", "token made up for this run; set VERO_WEBHOOK_TOKEN to choose your own");
    }
    ready.put("segment", webhookConfig.segmentWriteKey().isPresent()
        ? "forwarding Vero webhooks to " + webhookConfig.segmentApiUrl() : "dry run: printing the Segment calls it would send (set SEGMENT_WRITE_KEY to forward)");
    ready.put("vero", deliverConfig.veroCredential().isPresent()
        ? "delivering to " + deliverConfig.veroApiUrl() + " with " + deliverConfig.veroCredential().get().field()
        : "dry run: printing the requests it would send (set VERO_TRACKING_API_KEY, or VERO_AUTH_TOKEN, to deliver)");
    log.write(ready);
    pollers.forEach(EventSourcePoller::start);
    ProgressReporter progress = new ProgressReporter(counters, log);
    progress.start();
    return new LocalRunner(queues, server, httpThreads, pollers, progress, counters, writeKeys);
  }

  private static String madeUpSecret(String prefix) {
    byte[] bytes = new byte[12];
    new SecureRandom().nextBytes(bytes);
    return prefix + HexFormat.of().formatHex(bytes);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String queueUrl() {
    return queues.queues.queueUrl();
  }

  public software.amazon.awssdk.services.sqs.SqsClient sqs() {
    return queues.sqs;
  }

  public String dlqUrl() {
    return queues.queues.dlqUrl();
  }

  public String webhookDlqUrl() {
    return queues.queues.webhookDlqUrl();
  }

  public List<String> writeKeys() {
    return writeKeys;
  }

  public DeliveryCounters counters() {
    return counters;
  }

  @Override
  public void close() {
    progress.close();
    // all stop at once, rather than one long poll after another
    pollers.forEach(EventSourcePoller::stop);
    pollers.forEach(EventSourcePoller::close);
    server.stop(0);
    httpThreads.shutdownNow();
    queues.close();
  }
}
