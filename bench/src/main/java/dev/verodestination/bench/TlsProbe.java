package dev.verodestination.bench;

import dev.verodestination.http.HttpClients;
import dev.verodestination.priming.TlsPriming;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One fresh JVM's first HTTPS call, timed, with a client made as the functions make theirs: {@code TlsProbe cold|primed jdk|urlconnection HTTP_URL HTTPS_URL}.
 * Both modes first make a plain HTTP call with the same client, as the functions' priming does against
 * its stand-in, so that only TLS differs; {@code primed} then runs {@link TlsPriming} as the SnapStart
 * hook does. Prints {@code TLS mode=… client=… firstMicros=…}.
 */
public final class TlsProbe {

  private TlsProbe() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    String client = args[1];
    call(client, URI.create(args[2]));
    if (mode.equals("primed")) {
      TlsPriming.run(20);
    }
    long started = System.nanoTime();
    int status = call(client, URI.create(args[3]));
    long micros = (System.nanoTime() - started) / 1000;
    System.out.println("TLS mode=" + mode + " client=" + client + " firstMicros=" + micros + " status=" + status);
  }

  private static int call(String client, URI uri) throws Exception {
    if (client.equals("jdk")) {
      HttpClient http = HttpClients.create(Duration.ofSeconds(5));
      return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    try (InputStream body = connection.getInputStream()) {
      body.readAllBytes();
      return connection.getResponseCode();
    } finally {
      connection.disconnect();
    }
  }
}
