package dev.verodestination.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The JDK HTTP client the Vero and Segment clients share the settings of: built once per container. */
public final class HttpClients {

  private HttpClients() {}

  /** HTTP/1.1 (neither API needs more), no redirects followed: a redirect from an API is an error to report. */
  public static HttpClient create(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /**
   * Sends and reads the whole answer, body included, within {@code deadline}: a request's own timeout
   * ends when the headers arrive, and a server that then stalls must not hold the caller. A late
   * exchange is cancelled, which closes its connection.
   */
  public static HttpResponse<String> exchange(HttpClient http, HttpRequest request, Duration deadline)
      throws IOException, InterruptedException {
    CompletableFuture<HttpResponse<String>> answer = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    try {
      return answer.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw new HttpTimeoutException("no whole answer within " + deadline.toMillis() + " ms");
    } catch (InterruptedException e) {
      answer.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause() == null ? "exchange failed" : e.getCause().getClass().getSimpleName(), e.getCause());
    }
  }
}
