package dev.verodestination.local.sqs;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Decides whether a request to the embedded SQS endpoint is the runner's own (or its operator
 * commands'): no sign of a browser, and an AWS Signature Version 4 made with the runner's credential,
 * which is checked by signing the same request again with the SDK's own signer. Answers the reason
 * for a refusal, or nothing.
 */
public final class SqsGuard implements Function<SqsCall, Optional<String>> {

  /** Headers every current browser adds to a page's requests, and no SDK sends. */
  private static final List<String> BROWSER_HEADERS = List.of("origin", "sec-fetch-site", "sec-fetch-mode", "sec-fetch-dest");
  /** As AWS allows a signature's clock to differ, here where both clocks are this machine's. */
  static final Duration MAX_SKEW = Duration.ofMinutes(5);
  private static final Pattern AUTHORIZATION = Pattern.compile(
      "AWS4-HMAC-SHA256 Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request,\\s*SignedHeaders=([a-z0-9;_.-]+),\\s*Signature=([0-9a-f]{64})");
  private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  static final String REFUSED_BROWSER = "the runner's SQS endpoint does not answer web pages";
  static final String REFUSED_UNSIGNED =
      "the runner's SQS endpoint answers only the runner and its operator commands: the request is not signed with the runner's credential";

  private final RunnerCredential credential;
  private final Clock clock;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

  public SqsGuard(RunnerCredential credential, Clock clock) {
    this.credential = credential;
    this.clock = clock;
  }

  @Override
  public Optional<String> apply(SqsCall call) {
    for (String header : BROWSER_HEADERS) {
      if (call.headers().containsKey(header)) {
        return Optional.of(REFUSED_BROWSER + " (the request carries " + header + ")");
      }
    }
    Matcher authorization = AUTHORIZATION.matcher(call.headers().getOrDefault("authorization", ""));
    if (!authorization.matches() || !authorization.group(1).equals(credential.accessKeyId()) || !authorization.group(4).equals("sqs")) {
      return Optional.of(REFUSED_UNSIGNED);
    }
    Instant signedAt;
    try {
      signedAt = Instant.from(AMZ_DATE.parse(call.headers().getOrDefault("x-amz-date", "")));
    } catch (DateTimeParseException e) {
      return Optional.of(REFUSED_UNSIGNED);
    }
    if (Duration.between(signedAt, clock.instant()).abs().compareTo(MAX_SKEW) > 0) {
      return Optional.of("the request was signed at " + signedAt + ", more than " + MAX_SKEW.toMinutes() + " minutes from now");
    }
    String expected = signature(call, authorization.group(5).split(";"), authorization.group(3), signedAt);
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), authorization.group(6).getBytes(StandardCharsets.US_ASCII))
        ? Optional.empty()
        : Optional.of(REFUSED_UNSIGNED);
  }

  /** The signature the runner's credential gives this request, over the headers the caller signed. */
  private String signature(SqsCall call, String[] signedHeaders, String region, Instant signedAt) {
    URI uri = URI.create("http://" + call.headers().getOrDefault("host", "127.0.0.1") + call.path()
        + (call.rawQuery().isEmpty() ? "" : "?" + call.rawQuery()));
    SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(call.method())).uri(uri);
    for (String name : signedHeaders) {
      String value = call.headers().get(name);
      if (value != null) {
        request.putHeader(name, value);
      }
    }
    SignedRequest signed = signer.sign(r -> r.identity(AwsCredentialsIdentity.create(credential.accessKeyId(), credential.secretAccessKey()))
        .request(request.build())
        .payload(ContentStreamProvider.fromByteArray(call.body()))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sqs")
        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)));
    Matcher ours = AUTHORIZATION.matcher(signed.request().firstMatchingHeader("Authorization").orElse(""));
    return ours.matches() ? ours.group(6) : "";
  }
}
