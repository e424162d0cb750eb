package dev.verodestination.local.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

class SqsGuardTest {

  private static final Instant NOW = Instant.parse("2026-12-06T11:00:00Z");
  private static final RunnerCredential RUNNER = new RunnerCredential("VDLOCALTEST0001", "runner-secret-0123456789");
  private static final String BODY = "{\"QueueUrl\":\"http://127.0.0.1:4000/000000000000/vero-destination-dlq.fifo\"}";
  private final SqsGuard guard = new SqsGuard(RUNNER, Clock.fixed(NOW, ZoneOffset.UTC));

  /** A PurgeQueue call as the SDK sends it over the JSON protocol, signed with {@code credential} at {@code at}. */
  private static SqsCall signed(RunnerCredential credential, Instant at, String body) {
    SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(URI.create("http://127.0.0.1:4000/"))
        .putHeader("Host", "127.0.0.1:4000")
        .putHeader("Content-Type", "application/x-amz-json-1.0")
        .putHeader("X-Amz-Target", "AmazonSQS.PurgeQueue")
        .putHeader("amz-sdk-invocation-id", "7c1e9d7e-0000-4000-8000-000000000001")
        .putHeader("Content-Length", Integer.toString(body.length()))
        .build();
    SdkHttpFullRequest signed = (SdkHttpFullRequest) AwsV4HttpSigner.create().sign(r -> r
        .identity(AwsCredentialsIdentity.create(credential.accessKeyId(), credential.secretAccessKey()))
        .request(request)
        .payload(ContentStreamProvider.fromUtf8String(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sqs")
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC))).request();
    Map<String, String> headers = new HashMap<>();
    signed.forEachHeader((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
    return new SqsCall("POST", "/", "", headers, body.getBytes(StandardCharsets.UTF_8));
  }

  private static SqsCall withHeader(SqsCall call, String name, String value) {
    Map<String, String> headers = new HashMap<>(call.headers());
    headers.put(name, value);
    return new SqsCall(call.method(), call.path(), call.rawQuery(), headers, call.body());
  }

  @Test
  void aRequestSignedWithTheRunnersCredentialPasses() {
    assertEquals(Optional.empty(), guard.apply(signed(RUNNER, NOW.minusSeconds(30), BODY)));
  }

  @Test
  void aPageIsRefusedWhateverItCarries() {
    SqsCall signedByRunner = signed(RUNNER, NOW, BODY);
    assertEquals(Optional.of("the runner's SQS endpoint does not answer web pages (the request carries origin)"),
        guard.apply(withHeader(signedByRunner, "origin", "https://example.com")));
    assertEquals(Optional.of("the runner's SQS endpoint does not answer web pages (the request carries sec-fetch-site)"),
        guard.apply(withHeader(signedByRunner, "sec-fetch-site", "cross-site")));
  }

  @Test
  void anUnsignedRequestOrOneSignedWithAnotherCredentialIsRefused() {
    assertEquals(Optional.of(SqsGuard.REFUSED_UNSIGNED),
        guard.apply(new SqsCall("GET", "/", "Action=PurgeQueue&QueueUrl=x", Map.of("host", "127.0.0.1:4000"), new byte[0])));
    assertEquals(Optional.of(SqsGuard.REFUSED_UNSIGNED), guard.apply(signed(new RunnerCredential("local", "local"), NOW, BODY)));
    // the runner's key id with another secret: the signature gives it away
    assertEquals(Optional.of(SqsGuard.REFUSED_UNSIGNED), guard.apply(signed(new RunnerCredential(RUNNER.accessKeyId(), "guessed"), NOW, BODY)));
  }

  @Test
  void aSignedRequestWhoseBodyOrHeadersChangedIsRefused() {
    SqsCall call = signed(RUNNER, NOW, BODY);
    assertEquals(Optional.of(SqsGuard.REFUSED_UNSIGNED), guard.apply(new SqsCall(call.method(), call.path(), call.rawQuery(), call.headers(),
        BODY.replace("dlq", "events").getBytes(StandardCharsets.UTF_8))));
    assertEquals(Optional.of(SqsGuard.REFUSED_UNSIGNED), guard.apply(withHeader(call, "x-amz-target", "AmazonSQS.DeleteQueue")));
  }

  @Test
  void anOldSignatureIsRefused() {
    assertEquals(Optional.of("the request was signed at 2026-12-06T10:50:00Z, more than 5 minutes from now"),
        guard.apply(signed(RUNNER, NOW.minusSeconds(600), BODY)));
  }

  /** A ListQueues GET presigned by the SDK (the query form of SigV4) at {@code at}, valid for {@code expires}. */
  private static SqsCall presigned(Instant at, Duration expires) {
    SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.GET)
        .uri(URI.create("http://127.0.0.1:4000/?Action=ListQueues&Version=2012-11-05")).putHeader("Host", "127.0.0.1:4000").build();
    SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
        .identity(AwsCredentialsIdentity.create(RUNNER.accessKeyId(), RUNNER.secretAccessKey()))
        .request(request)
        .payload(ContentStreamProvider.fromUtf8String(""))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sqs")
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4HttpSigner.AuthLocation.QUERY_STRING)
        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expires)
        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC))).request();
    return new SqsCall("GET", "/", signed.getUri().getRawQuery(), Map.of("host", "127.0.0.1:4000"), new byte[0]);
  }

  @Test
  void aPresignedUrlPassesWhileItIsValidAndNotAfter() {
    assertEquals(Optional.empty(), guard.apply(presigned(NOW.minusSeconds(3000), Duration.ofHours(1))), "signed 50 minutes ago, valid for 60");
    assertEquals(Optional.of("the request was signed at 2026-12-06T09:59:00Z, more than 60 minutes from now"),
        guard.apply(presigned(NOW.minusSeconds(3660), Duration.ofHours(1))));
    SqsCall changed = presigned(NOW, Duration.ofHours(1));
    assertEquals(Optional.of(SqsGuard.REFUSED_UNSIGNED), guard.apply(new SqsCall("GET", "/",
        changed.rawQuery().replace("Action=ListQueues", "Action=PurgeQueue"), changed.headers(), new byte[0])));
  }

  @Test
  void aPayloadHashThatIsNotTheBodysOrASignedHeaderThatIsMissingIsRefused() {
    SqsCall call = signed(RUNNER, NOW, BODY);
    assertEquals(Optional.of(SqsGuard.REFUSED_UNSIGNED), guard.apply(withHeader(call, "x-amz-content-sha256", "UNSIGNED-PAYLOAD")));
    Map<String, String> without = new HashMap<>(call.headers());
    without.remove("x-amz-target");
    assertEquals(Optional.of(SqsGuard.REFUSED_UNSIGNED), guard.apply(new SqsCall("POST", "/", "", without, call.body())));
  }

  @Test
  void theCredentialNeverPrintsItsSecret() {
    assertEquals("RunnerCredential[VDLOCALTEST0001]", RUNNER.toString());
  }
}
