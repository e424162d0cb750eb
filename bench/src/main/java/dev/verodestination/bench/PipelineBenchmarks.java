package dev.verodestination.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.http.BasicAuth;
import dev.verodestination.json.Json;
import dev.verodestination.ingest.IngestAuth;
import dev.verodestination.ingest.IngestPlanner;
import dev.verodestination.ingest.IngestRequest;
import dev.verodestination.ingest.IngestResult;
import dev.verodestination.ingest.IngestRoute;
import dev.verodestination.ingest.rules.DestinationRules;
import dev.verodestination.deliver.vero.MappingRules;
import dev.verodestination.deliver.vero.VeroMapping;
import dev.verodestination.deliver.vero.VeroRequest;
import dev.verodestination.webhook.VeroWebhookMapping;
import java.time.Clock;
import dev.verodestination.segment.AnonymousUsers;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Each step's pure work beside its baseline, a bare Jackson readTree + writeValueAsBytes of the very
 * same bytes, measured in the same run. docs/performance.md reports the ratios.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class PipelineBenchmarks {

  /** As a team keeping PII and unconsented events from Vero would write them; every sample event passes. */
  static final String REALISTIC_RULES = "{\"events\":{\"allow\":[\"Order *\",\"Product *\",\"Checkout Step *\",\"Signed Up\"],"
      + "\"deny\":[\"Debug *\",\"* Test\"],\"rename\":{\"Signed Up\":\"signup\",\"Order Completed\":\"order completed\"}},"
      + "\"drop\":[\"context.ip\",\"properties.coupon\",\"context.traits.phone\",\"properties.products.sku\"],"
      + "\"consent\":{\"categories\":[\"Marketing\"],\"whenMissing\":\"skip\"}}";

  /** Every section of the team's mapping; the sample order (two products) walks them all. */
  static final String REALISTIC_MAPPING = "{\"identity\":{\"id\":[\"userId\",\"traits.member_id\"],\"emailOnly\":\"id\"},"
      + "\"audiences\":{\"tags\":true,\"tagPrefix\":\"segment-\"},\"products\":{\"events\":[\"Order Completed\"],\"as\":\"Ordered Product\"},"
      + "\"events\":{\"keepRepeats\":true}}";

  private byte[] batch;
  private IngestPlanner planner;
  private IngestRequest request;
  private byte[] consentedBatch;
  private IngestPlanner ruledPlanner;
  private IngestRequest consentedRequest;
  private byte[] queued;
  private MappingRules mappingRules;
  private List<JsonNode> mappedWithRules;
  private byte[] order20;
  private List<JsonNode> mappedOrder20;
  private byte[] webhook;
  private List<JsonNode> queuedMessages;
  private JsonNode trackCall;

  @Setup
  public void setUp() throws Exception {
    batch = Samples.batch(100);
    planner = new IngestPlanner(new IngestAuth(List.of("bench-key"), Optional.empty()), Clock.systemUTC(),
        IngestPlanner.RANDOM_MESSAGE_IDS, Optional.empty(), AnonymousUsers.SKIP, DestinationRules.NONE);
    request = new IngestRequest(IngestRoute.BATCH, batch, "application/json",
        BasicAuth.header("bench-key"), null);
    consentedBatch = Samples.batch(100, ",\"consent\":{\"categoryPreferences\":{\"Marketing\":true,\"Analytics\":false}}");
    ruledPlanner = new IngestPlanner(new IngestAuth(List.of("bench-key"), Optional.empty()), Clock.systemUTC(),
        IngestPlanner.RANDOM_MESSAGE_IDS, Optional.empty(), AnonymousUsers.SKIP, DestinationRules.parse(REALISTIC_RULES));
    consentedRequest = new IngestRequest(IngestRoute.BATCH, consentedBatch, "application/json",
        BasicAuth.header("bench-key"), null);
    queued = Samples.queuedMessage();
    mappingRules = MappingRules.parse(REALISTIC_MAPPING);
    order20 = Samples.queuedOrder(20);
    mappedWithRules = mapped(queued, mappingRules);
    mappedOrder20 = mapped(order20, mappingRules);
    webhook = Samples.webhook();
    queuedMessages = ((IngestResult.Plan) planner.planPost(request)).accepted().stream().map(m -> Json.treeOrMissing(m.body())).toList();
    trackCall = Json.MAPPER.readTree(((VeroWebhookMapping.Forward) VeroWebhookMapping.map(Json.MAPPER.readTree(webhook))).call().json());
  }

  /** (a) baseline: the 100-event batch, parsed and written. */
  @Benchmark
  public Object ingestBaseline() throws Exception {
    return Samples.baseline(batch);
  }

  /**
   * (a) baseline of the same bytes in and out, as (b') has: the batch parsed, and the 100 messages
   * ingest queues (each event with what enrichment adds) written, each on its own as ingest writes them.
   */
  @Benchmark
  public int ingestSameBytesBaseline() throws Exception {
    return readAndWrite(batch, queuedMessages);
  }

  /** (a) parse + authenticate + validate + enrich + serialise each of the 100 events for the queue. */
  @Benchmark
  public Object ingest() {
    IngestResult.Plan plan = (IngestResult.Plan) planner.planPost(request);
    if (plan.accepted().size() != 100) {
      throw new IllegalStateException("the batch must be accepted whole");
    }
    return plan;
  }

  /** (a') baseline: the 100 events carrying Segment's consent object, parsed and written. */
  @Benchmark
  public Object ingestWithRulesBaseline() throws Exception {
    return Samples.baseline(consentedBatch);
  }

  /** (a') as (a), with {@link #REALISTIC_RULES}: every event matched, renamed, four paths dropped, consent read. */
  @Benchmark
  public Object ingestWithRules() {
    IngestResult.Plan plan = (IngestResult.Plan) ruledPlanner.planPost(consentedRequest);
    if (plan.accepted().size() != 100 || plan.accepted().get(0).body().contains("\"ip\"")) {
      throw new IllegalStateException("the batch must be accepted whole, without the dropped fields");
    }
    return plan;
  }

  /** (b) baseline: one queued message, parsed and written. */
  @Benchmark
  public Object deliverBaseline() throws Exception {
    return Samples.baseline(queued);
  }

  /** (b) parse a queued message, map it to its Vero requests, serialise their bodies. */
  @Benchmark
  public int deliver() throws Exception {
    JsonNode message = Json.MAPPER.readTree(queued);
    int bytes = 0;
    for (VeroRequest r : ((VeroMapping.Requests) VeroMapping.map(message)).requests()) {
      bytes += Json.MAPPER.writeValueAsBytes(r.body()).length;
    }
    return bytes;
  }

  /**
   * (b') baseline: the same bytes in and out: the queued message parsed, and the four bodies the mapping
   * makes of it (1,082 bytes, where the message is 697) written, each as a call writes it.
   */
  @Benchmark
  public int deliverWithRulesBaseline() throws Exception {
    return readAndWrite(queued, mappedWithRules);
  }

  /** (b') as (b), mapped by {@link #REALISTIC_MAPPING}: the order, its two products, the tags edit, each with its message_id. */
  @Benchmark
  public int deliverWithRules() throws Exception {
    return mapAndWrite(queued, mappingRules, 4);
  }

  /** (b'') baseline: a queued order of 20 products parsed, and its 21 events written. */
  @Benchmark
  public int deliverOrder20Baseline() throws Exception {
    return readAndWrite(order20, mappedOrder20);
  }

  /** (b'') the order of 20 products mapped by {@link #REALISTIC_MAPPING}: 21 events, each written. */
  @Benchmark
  public int deliverOrder20() throws Exception {
    return mapAndWrite(order20, mappingRules, 21);
  }

  /** The bodies of the calls the message maps to. */
  private static List<JsonNode> mapped(byte[] queuedMessage, MappingRules rules) throws Exception {
    return ((VeroMapping.Requests) VeroMapping.map(Json.MAPPER.readTree(queuedMessage), rules)).requests().stream()
        .<JsonNode>map(VeroRequest::body).toList();
  }

  /** Bare Jackson of the same bytes in and out: {@code in} parsed, and each of {@code out} written on its own. */
  private static int readAndWrite(byte[] in, List<JsonNode> out) throws Exception {
    int bytes = Json.MAPPER.readTree(in).size();
    for (JsonNode body : out) {
      bytes += Json.MAPPER.writeValueAsBytes(body).length;
    }
    return bytes;
  }

  private static int mapAndWrite(byte[] queuedMessage, MappingRules rules, int calls) throws Exception {
    JsonNode message = Json.MAPPER.readTree(queuedMessage);
    List<VeroRequest> requests = ((VeroMapping.Requests) VeroMapping.map(message, rules)).requests();
    if (requests.size() != calls) {
      throw new IllegalStateException("expected " + calls + " calls, mapped " + requests.size());
    }
    int bytes = 0;
    for (VeroRequest r : requests) {
      bytes += Json.MAPPER.writeValueAsBytes(r.body()).length;
    }
    return bytes;
  }

  /** (c) baseline: one Vero webhook payload, parsed and written. */
  @Benchmark
  public Object webhookBaseline() throws Exception {
    return Samples.baseline(webhook);
  }

  /** (c) baseline of the same bytes in and out: the payload parsed, and the track call the mapping makes of it written. */
  @Benchmark
  public int webhookSameBytesBaseline() throws Exception {
    return readAndWrite(webhook, List.of(trackCall));
  }

  /** (c) parse a Vero webhook, map it to an Email Spec track call written as JSON. */
  @Benchmark
  public Object webhook() throws Exception {
    return ((VeroWebhookMapping.Forward) VeroWebhookMapping.map(Json.MAPPER.readTree(webhook))).call().json();
  }
}
