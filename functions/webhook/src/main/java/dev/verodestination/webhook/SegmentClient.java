package dev.verodestination.webhook;

import dev.verodestination.log.JsonLog;
import dev.verodestination.http.BasicAuth;
import dev.verodestination.http.HttpClients;
import dev.verodestination.http.HttpOutcomes;
import dev.verodestination.segment.Timestamps;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * POSTs to Segment's {@code /v1/batch} with the retry rules of Segment's own SDKs: network errors,
 * 408, 410, 429 (after its Retry-After), 460 and 5xx other than 501, 505 and 511 are retried with
 * exponential backoff; anything else is final. Every try fits inside {@code budget}, so that the
 * webhook invocation still has time to park the payload when Segment does not take it.
 */
public final class SegmentClient implements SegmentSender {

  private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

  private final HttpClient http;
  private final URI batchUrl;
  private final String authorization;
  private final String writeKey;
  private final Duration requestTimeout;
  private final Duration budget;
  private final int maxAttempts;
  private final Clock clock;

  public SegmentClient(HttpClient http, URI apiUrl, String writeKey, Duration requestTimeout, Duration budget,
      int maxAttempts, Clock clock) {
    this.http = http;
    String base = apiUrl.toString();
    this.batchUrl = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/batch");
    this.writeKey = writeKey;
    this.authorization = BasicAuth.header(writeKey);
    this.requestTimeout = requestTimeout;
    this.budget = budget;
    this.maxAttempts = maxAttempts;
    this.clock = clock;
  }

  @Override
  public SegmentOutcome send(TrackCall call, JsonLog log) {
    Instant deadline = clock.instant().plus(budget);
    Duration backoff = FIRST_BACKOFF;
    String lastReason = "not sent";
    int lastStatus = 0;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      Attempt result = attempt(call, Duration.between(clock.instant(), deadline));
      if (result.outcome() != null) {
        return result.outcome();
      }
      lastReason = result.reason();
      lastStatus = result.status();
      Duration wait = result.retryAfter().orElse(backoff);
      if (attempt == maxAttempts || clock.instant().plus(wait).plus(Duration.ofMillis(50)).isAfter(deadline)) {
        break;
      }
      sleep(wait);
      backoff = backoff.multipliedBy(2);
    }
    return new SegmentOutcome.Failed("retries exhausted: " + lastReason, lastStatus);
  }

  /** Either a final outcome, or why this try can be retried. */
  private record Attempt(SegmentOutcome outcome, String reason, int status, Optional<Duration> retryAfter) {}

  private Attempt attempt(TrackCall call, Duration remaining) {
    if (remaining.isNegative() || remaining.isZero()) {
      return new Attempt(null, "no time left", 0, Optional.empty());
    }
    Duration deadline = remaining.compareTo(requestTimeout) < 0 ? remaining : requestTimeout;
    HttpRequest request = HttpRequest.newBuilder(batchUrl)
        .timeout(deadline)
        .header("content-type", "application/json")
        .header("authorization", authorization)
        .header("user-agent", "vero-destination/0.1 (webhook)")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body(call, clock.instant())))
        .build();
    HttpResponse<String> response;
    try {
      response = HttpClients.exchange(http, request, deadline);
    } catch (HttpTimeoutException e) {
      return new Attempt(null, "Segment timed out", 0, Optional.empty());
    } catch (IOException e) {
      return new Attempt(null, "network error: " + e.getClass().getSimpleName(), 0, Optional.empty());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Attempt(new SegmentOutcome.Failed("interrupted", 0), null, 0, Optional.empty());
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return new Attempt(new SegmentOutcome.Sent(status), null, status, Optional.empty());
    }
    String reason = "Segment answered " + status + ": " + HttpOutcomes.excerpt(response.body(), writeKey, authorization.substring("Basic ".length()));
    if (isRetryable(status)) {
      return new Attempt(null, reason, status,
          status == 429 ? HttpOutcomes.retryAfter(response.headers().firstValue("retry-after"), clock) : Optional.empty());
    }
    return new Attempt(new SegmentOutcome.Failed(reason, status), null, status, Optional.empty());
  }

  /** Segment's batch of one: the call as written, and the time of this try so Segment can correct clock skew. */
  static byte[] body(TrackCall call, Instant sentAt) {
    byte[] head = "{\"batch\":[".getBytes(StandardCharsets.US_ASCII);
    byte[] tail = ("],\"sentAt\":\"" + Timestamps.format(sentAt) + "\"}").getBytes(StandardCharsets.US_ASCII);
    byte[] body = Arrays.copyOf(head, head.length + call.json().length + tail.length);
    System.arraycopy(call.json(), 0, body, head.length, call.json().length);
    System.arraycopy(tail, 0, body, head.length + call.json().length, tail.length);
    return body;
  }

  static boolean isRetryable(int status) {
    return status == 408 || status == 410 || status == 429 || status == 460
        || (status >= 500 && status != 501 && status != 505 && status != 511);
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
