package dev.verodestination.local.sqs;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.internal.signer.CredentialScope;
import software.amazon.awssdk.http.auth.aws.internal.signer.V4Properties;
import software.amazon.awssdk.http.auth.aws.internal.signer.V4RequestSigner;
import software.amazon.awssdk.http.auth.aws.internal.signer.V4RequestSigningResult;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.utils.BinaryUtils;

/**
 * Decides whether a request to the embedded SQS endpoint is the runner's own (or its operator
 * commands', or any SQS client's given the runner's credential): no sign of a browser, and an AWS
 * Signature Version 4 made with the runner's credential, in the header or the query form, over the
 * headers the client chose to sign (the Java SDK signs {@code x-amz-content-sha256}, botocore does
 * not). The signature is checked by computing it again with the SDK's own SigV4 code over exactly the
 * request's signed parts and the body's hash. Answers the reason for a refusal, or nothing.
 */
public final class SqsGuard implements Function<SqsCall, Optional<String>> {

  /** Headers every current browser adds to a page's requests, and no SDK sends. */
  private static final List<String> BROWSER_HEADERS = List.of("origin", "sec-fetch-site", "sec-fetch-mode", "sec-fetch-dest");
  /** As AWS allows a signature's clock to differ, here where both clocks are this machine's. */
  static final Duration MAX_SKEW = Duration.ofMinutes(5);
  static final String REFUSED_BROWSER = "the runner's SQS endpoint does not answer web pages";
  static final String REFUSED_UNSIGNED =
      "the runner's SQS endpoint answers only the runner and its operator commands: the request is not signed with the runner's credential";

  private final RunnerCredential credential;
  private final Clock clock;

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
    Optional<SqsSignature> claimed = SqsSignature.of(call);
    if (claimed.isEmpty() || !claimed.get().accessKeyId().equals(credential.accessKeyId()) || !claimed.get().service().equals("sqs")
        || !claimed.get().dateMatches() || !claimed.get().signedHeaders().contains("host")) {
      return Optional.of(REFUSED_UNSIGNED);
    }
    SqsSignature signature = claimed.get();
    Instant now = clock.instant();
    Instant usableUntil = signature.signedAt().plus(signature.validFor().filter(v -> v.compareTo(MAX_SKEW) > 0).orElse(MAX_SKEW));
    if (now.isBefore(signature.signedAt().minus(MAX_SKEW)) || now.isAfter(usableUntil)) {
      return Optional.of("the request was signed at " + signature.signedAt() + ", more than "
          + Duration.between(signature.signedAt(), usableUntil).toMinutes() + " minutes from now");
    }
    String bodyHash = BinaryUtils.toHex(sha256(call.body()));
    String claimedHash = call.headers().get("x-amz-content-sha256");
    if (claimedHash != null && !claimedHash.equals(bodyHash)) {
      return Optional.of(REFUSED_UNSIGNED);
    }
    for (Map<String, String> headers : spellings(call.headers())) {
      if (matches(call, headers, signature, bodyHash)) {
        return Optional.empty();
      }
    }
    return Optional.of(REFUSED_UNSIGNED);
  }

  /**
   * The request's headers as the client may have spelled them. Pekko hands over the Content-Type as
   * it models it, not as sent: a charset's name upper-cased ({@code charset=UTF-8}), or, for a form,
   * no charset at all, while botocore signs {@code application/x-www-form-urlencoded; charset=utf-8}.
   * A signature covers the client's spelling, so the few spellings that model could have come from
   * are each tried.
   */
  private static List<Map<String, String>> spellings(Map<String, String> headers) {
    String contentType = headers.get("content-type");
    if (contentType == null) {
      return List.of(headers);
    }
    int charset = contentType.indexOf("charset=");
    List<String> spelled = charset < 0
        ? List.of(contentType, contentType + "; charset=utf-8", contentType + "; charset=UTF-8")
        : List.of(contentType, contentType.substring(0, charset) + contentType.substring(charset).toLowerCase(Locale.ROOT));
    return spelled.stream().distinct().map(value -> {
      Map<String, String> respelled = new HashMap<>(headers);
      respelled.put("content-type", value);
      return respelled;
    }).toList();
  }

  /** Whether the runner's credential gives this request, as signed, the signature it carries. */
  private boolean matches(SqsCall call, Map<String, String> headers, SqsSignature signature, String bodyHash) {
    SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(call.method()))
        .uri(URI.create("http://" + call.headers().getOrDefault("host", "127.0.0.1") + call.path()
            + (signature.unsignedQuery().isEmpty() ? "" : "?" + signature.unsignedQuery())));
    for (String name : signature.signedHeaders()) {
      String value = headers.get(name);
      if (value == null) {
        return false;
      }
      request.putHeader(name, value);
    }
    V4Properties properties = V4Properties.builder()
        .credentials(AwsCredentialsIdentity.create(credential.accessKeyId(), credential.secretAccessKey()))
        .credentialScope(new CredentialScope(signature.region(), "sqs", signature.signedAt()))
        .signingClock(Clock.fixed(signature.signedAt(), ZoneOffset.UTC))
        .doubleUrlEncode(true)
        .normalizePath(true)
        .build();
    V4RequestSigningResult ours = V4RequestSigner.create(properties, bodyHash).sign(request);
    return ours.getCanonicalRequest().getSignedHeadersString().equals(String.join(";", signature.signedHeaders()))
        && MessageDigest.isEqual(ours.getSignature().getBytes(StandardCharsets.US_ASCII),
            signature.signature().getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] sha256(byte[] body) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
