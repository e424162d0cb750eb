package dev.verodestination.bench;

import dev.verodestination.json.Json;
import dev.verodestination.local.sqs.RunnerCredential;
import dev.verodestination.local.sqs.SqsCall;
import dev.verodestination.local.sqs.SqsGuard;
import dev.verodestination.local.store.QueueDatabase;
import dev.verodestination.local.store.StoredMessage;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * What the local runner's queue now costs per request, each beside its baseline in the same run: the
 * guard's check of a SendMessageBatch of ten events against the SDK client's own signing of it, and
 * the queue database's writes of a queued event (a put, then its removal once delivered; two SQLite
 * transactions) against serialising the message as the put does, only. docs/performance.md reports
 * the ratios.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class RunnerQueueBenchmarks {

  private static final RunnerCredential CREDENTIAL = new RunnerCredential("VDLOCALBENCH0001", "bench-secret-0123456789");

  private SdkHttpFullRequest unsigned;
  private byte[] body;
  private SqsCall call;
  private final SqsGuard guard = new SqsGuard(CREDENTIAL, Clock.systemUTC());
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
  private Path folder;
  private QueueDatabase store;
  private StoredMessage message;
  private long sequence;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    List<String> entries = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      entries.add(Json.MAPPER.createObjectNode().put("Id", "m" + i).put("MessageGroupId", "user-" + i)
          .put("MessageDeduplicationId", "user-" + i + "/" + i).put("MessageBody", new String(Samples.batch(1), StandardCharsets.UTF_8))
          .toString());
    }
    body = ("{\"QueueUrl\":\"http://127.0.0.1:4000/000000000000/vero-destination-events.fifo\",\"Entries\":["
        + String.join(",", entries) + "]}").getBytes(StandardCharsets.UTF_8);
    unsigned = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(URI.create("http://127.0.0.1:4000/"))
        .putHeader("Host", "127.0.0.1:4000").putHeader("Content-Type", "application/x-amz-json-1.0")
        .putHeader("X-Amz-Target", "AmazonSQS.SendMessageBatch").putHeader("Content-Length", Integer.toString(body.length)).build();
    Map<String, String> headers = new HashMap<>();
    sign().request().forEachHeader((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
    call = new SqsCall("POST", "/", "", headers, body);
    if (guard.apply(call).isPresent()) {
      throw new IllegalStateException("the guard refuses the benchmark's request: " + guard.apply(call).get());
    }
    folder = Files.createTempDirectory("store-bench");
    store = QueueDatabase.open(folder);
    message = new StoredMessage("m", new String(Samples.batch(1), StandardCharsets.UTF_8), List.of(), "2026-12-06T11:00:00.123456789Z",
        0, 0L, 0, null, "user-1", "user-1/1", null, "1", null, List.of());
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    store.close();
    try (var files = Files.list(folder)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(folder);
  }

  private SignedRequest sign() {
    return signer.sign(r -> r.identity(AwsCredentialsIdentity.create(CREDENTIAL.accessKeyId(), CREDENTIAL.secretAccessKey()))
        .request(unsigned).payload(ContentStreamProvider.fromByteArray(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sqs").putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
  }

  /** Baseline: what the runner's SQS client spends signing the request. */
  @Benchmark
  public SignedRequest clientSigns() {
    return sign();
  }

  @Benchmark
  public Optional<String> guardChecks() {
    return guard.apply(call);
  }

  /** Baseline: the message's row serialised as the put does, and not written. */
  @Benchmark
  public int storeRowOnly() throws IOException {
    String id = "m" + sequence++;
    return Json.MAPPER.writeValueAsString(withId(id)).length();
  }

  @Benchmark
  public String storePutAndRemove() throws IOException {
    String id = "m" + sequence++;
    store.put("vero-destination-events.fifo", withId(id));
    store.remove("vero-destination-events.fifo", id);
    return id;
  }

  private StoredMessage withId(String id) {
    return new StoredMessage(id, message.body(), message.attributes(), message.created(), 0, 0L, 0, null, message.groupId(),
        message.groupId() + "/" + id, null, message.sequenceNumber(), null, List.of());
  }
}
