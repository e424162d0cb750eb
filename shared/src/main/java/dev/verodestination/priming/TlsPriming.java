package dev.verodestination.priming;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * What a function's first HTTPS call needs before it reaches the network, done before SnapStart's
 * snapshot: the default TLS context (the JDK's trust store, read and parsed), client hellos as the
 * JDK HTTP client makes them (an {@code SSLEngine}, then the client itself) and as the SDK's URL
 * connection client makes them (an {@code SSLSocket}), the last two sent to a loopback listener that
 * hangs up, and a certificate path check. In a
 * fresh JVM that is a fifth of a second at one full core, and Lambda gives a 256 MB function a
 * seventh of one. No connection is left open, no session is cached, no byte leaves the machine; each
 * real handshake after a restore draws its own randomness.
 */
public final class TlsPriming {

  private static final String HOST = "priming.invalid";

  private TlsPriming() {}

  /** Returns the client hello bytes written, so that a test can see each path was walked. */
  public static int run(int rounds) {
    int bytes = 0;
    try {
      SSLContext context = SSLContext.getDefault();
      for (int i = 0; i < rounds; i++) {
        bytes += engineHello(context);
      }
      bytes += socketHello(context.getSocketFactory());
      bytes += httpClientHello();
      checkATrustedChain();
    } catch (GeneralSecurityException | IOException e) {
      // priming only warms: the function's first call does whatever it could not
    }
    return bytes;
  }

  static int engineHello(SSLContext context) throws IOException {
    SSLEngine engine = context.createSSLEngine(HOST, 443);
    engine.setUseClientMode(true);
    engine.setSSLParameters(https(engine.getSSLParameters()));
    engine.beginHandshake();
    ByteBuffer hello = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    engine.wrap(ByteBuffer.allocate(0), hello);
    for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
      task.run();
    }
    engine.closeOutbound();
    return hello.position();
  }

  static int socketHello(SSLSocketFactory factory) throws IOException {
    return toListener(port -> {
      try (SSLSocket socket = (SSLSocket) factory.createSocket(InetAddress.getLoopbackAddress(), port)) {
        socket.setSoTimeout(2000);
        SSLParameters parameters = https(socket.getSSLParameters());
        parameters.setServerNames(List.of(new SNIHostName(HOST)));
        socket.setSSLParameters(parameters);
        socket.startHandshake();
      } catch (IOException expected) {
        // the listener hangs up after the hello
      }
    });
  }

  /** Runs {@code client} against a loopback listener that reads what it sends first and hangs up; returns the bytes read. */
  private static int toListener(IntConsumer client) throws IOException {
    AtomicInteger received = new AtomicInteger();
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread reader = new Thread(() -> {
        try (Socket peer = listener.accept(); InputStream in = peer.getInputStream()) {
          received.set(in.read(new byte[4096]));
          // a reset, not a close: the JDK HTTP client notices it at once instead of waiting out its timeout
          peer.setSoLinger(true, 0);
        } catch (IOException e) {
          // the hello is written before the peer is read: nothing is lost
        }
      }, "tls-priming-listener");
      reader.setDaemon(true);
      reader.start();
      client.accept(listener.getLocalPort());
      try {
        reader.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return Math.max(received.get(), 0);
  }

  /** The JDK HTTP client's own TLS connection up to its hello; a throwaway client, so the function's has no connection. */
  static int httpClientHello() throws IOException {
    return toListener(port -> {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      try {
        client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding());
      } catch (IOException expected) {
        // the listener hangs up after the hello
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  /** The trust manager validates a chain made of a trusted root alone, which loads the PKIX checks. */
  private static void checkATrustedChain() throws GeneralSecurityException {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        for (X509Certificate root : x509.getAcceptedIssuers()) {
          if (root.getPublicKey().getAlgorithm().equals("RSA")) {
            try {
              x509.checkServerTrusted(new X509Certificate[] {root}, "ECDHE_RSA");
            } catch (CertificateException e) {
              // a root alone may not pass every check; the classes are loaded either way
            }
            return;
          }
        }
      }
    }
  }

  private static SSLParameters https(SSLParameters parameters) {
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    return parameters;
  }
}
