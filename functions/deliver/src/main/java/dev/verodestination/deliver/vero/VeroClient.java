package dev.verodestination.deliver.vero;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.http.HttpClients;
import dev.verodestination.http.ErrorAnswers;
import dev.verodestination.json.Json;
import dev.verodestination.log.JsonLog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Vero's API v2 over the JDK's HTTP client: one client per container, connections reused, and every
 * answer classified as delivered, retryable or permanent. The one place that knows the credential:
 * it puts {@code tracking_api_key} (or an older account's {@code auth_token}) at the top of each body
 * as it sends it, and masks it wherever Vero echoes it back.
 */
public final class VeroClient implements VeroSender {

  public static final String USER_AGENT = "vero-destination/0.1 (+self-hosted Segment destination)";

  private final HttpClient http;
  private final String baseUrl;
  private final Duration requestTimeout;
  private final VeroCredential credential;
  private final Clock clock;

  public VeroClient(HttpClient http, URI baseUrl, Duration requestTimeout, VeroCredential credential, Clock clock) {
    this.http = http;
    String base = baseUrl.toString();
    this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.requestTimeout = requestTimeout;
    this.credential = credential;
    this.clock = clock;
  }

  @Override
  public VeroOutcome send(VeroRequest request, JsonLog log) {
    HttpRequest httpRequest = HttpRequest.newBuilder(URI.create(baseUrl + request.path()))
        .timeout(requestTimeout)
        .header("content-type", "application/json")
        .header("accept", "application/json")
        .header("user-agent", USER_AGENT)
        .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(Json.bytes(withCredential(request.body()))))
        .build();
    HttpResponse<String> response;
    try {
      response = HttpClients.exchange(http, httpRequest, requestTimeout);
    } catch (HttpTimeoutException e) {
      return new VeroOutcome.Retryable("timed out after " + requestTimeout.toMillis() + " ms", Optional.empty());
    } catch (IOException e) {
      return new VeroOutcome.Retryable("network error: " + e.getClass().getSimpleName(), Optional.empty());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new VeroOutcome.Retryable("interrupted", Optional.empty());
    }
    return classify(response.statusCode(), response.body(), response.headers().firstValue("retry-after"));
  }

  private ObjectNode withCredential(ObjectNode body) {
    ObjectNode sent = Json.object();
    sent.put(credential.field(), credential.value());
    sent.setAll(body);
    return sent;
  }

  VeroOutcome classify(int status, String body, Optional<String> retryAfterHeader) {
    if (status >= 200 && status < 300) {
      return new VeroOutcome.Delivered(status);
    }
    String reason = "Vero answered " + status + ": " + ErrorAnswers.excerpt(body, credential.value());
    if (status == 408 || status == 429 || (status >= 500 && status != 501 && status != 505)) {
      return new VeroOutcome.Retryable(status, reason, ErrorAnswers.retryAfter(retryAfterHeader, clock));
    }
    return new VeroOutcome.Permanent(status, reason);
  }
}
