package dev.verodestination.webhook;

import dev.verodestination.log.JsonLog;
import dev.verodestination.http.BasicAuth;
import dev.verodestination.http.HttpClients;
import dev.verodestination.http.ErrorAnswers;
import dev.verodestination.retry.RetryPolicy;
import dev.verodestination.retry.RetryPolicy.Step;
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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * POSTs to Segment's {@code /v1/batch} with the retry rules of Segment's own SDKs: network errors,
 * 408, 410, 429 (after its Retry-After), 460 and 5xx other than 501, 505 and 511 are retried with
 * exponential backoff; anything else is final. Every try fits inside {@code budget}, so that the
 * webhook invocation still has time to park the payload when Segment does not take it.
 */
public final class SegmentClient implements SegmentSender {

  private final HttpClient http;
  private final URI batchUrl;
  private final String authorization;
  private final String writeKey;
  private final Duration requestTimeout;
  private final Duration budget;
  private final RetryPolicy retries;
  private final Clock clock;

  public SegmentClient(HttpClient http, URI apiUrl, String writeKey, Duration requestTimeout, Duration budget,
      RetryPolicy retries, Clock clock) {
    this.http = http;
    String base = apiUrl.toString();
    this.batchUrl = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/batch");
    this.writeKey = writeKey;
    this.authorization = BasicAuth.header(writeKey);
    this.requestTimeout = requestTimeout;
    this.budget = budget;
    this.retries = retries;
    this.clock = clock;
  }

  @Override
  public SegmentOutcome send(SegmentCall call, JsonLog log) {
    // the status of the last answer, for the outcome when the retries run out; 0 when Segment never answered
    AtomicInteger lastStatus = new AtomicInteger();
    Step<SegmentOutcome> last;
    try {
      last = retries.run(budget, (attempt, remaining) -> attempt(call, remaining, lastStatus));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new SegmentOutcome.Failed("interrupted", 0);
    }
    return switch (last) {
      case Step.Done<SegmentOutcome> done -> done.value();
      case Step.Again<SegmentOutcome> again -> new SegmentOutcome.Failed("retries exhausted: " + again.reason(), lastStatus.get());
    };
  }

  private Step<SegmentOutcome> attempt(SegmentCall call, Duration remaining, AtomicInteger lastStatus) {
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
      lastStatus.set(0);
      return new Step.Again<>("Segment timed out");
    } catch (IOException e) {
      lastStatus.set(0);
      return new Step.Again<>("network error: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Step.Done<>(new SegmentOutcome.Failed("interrupted", 0));
    }
    int status = response.statusCode();
    lastStatus.set(status);
    if (status >= 200 && status < 300) {
      return new Step.Done<>(new SegmentOutcome.Sent(status));
    }
    String reason = "Segment answered " + status + ": " + ErrorAnswers.excerpt(response.body(), writeKey, authorization.substring("Basic ".length()));
    if (isRetryable(status)) {
      return new Step.Again<>(reason,
          status == 429 ? ErrorAnswers.retryAfter(response.headers().firstValue("retry-after"), clock) : Optional.empty());
    }
    return new Step.Done<>(new SegmentOutcome.Failed(reason, status));
  }

  /** Segment's batch of one: the call as written, and the time of this try so Segment can correct clock skew. */
  static byte[] body(SegmentCall call, Instant sentAt) {
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
}
