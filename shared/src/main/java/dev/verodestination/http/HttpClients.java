package dev.verodestination.http;

import java.net.http.HttpClient;
import java.time.Duration;

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
}
