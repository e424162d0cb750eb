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
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * What a function's first HTTPS call needs before it reaches the network, done before SnapStart's
 * snapshot: the default TLS context (the JDK's trust store, read and parsed), client hellos from it
 * (an {@code SSLEngine}, and an {@code SSLSocket} sent to a loopback listener that hangs up), a
 * certificate path check, whole handshakes between two engines in memory against a throwaway
 * certificate shipped for the purpose ({@link PrimingCertificate}, see {@link #handshake}), and an
 * HTTPS exchange through each kind of client the functions use, with a loopback server holding it. In a
 * fresh JVM that is a fifth of a second at one full core, and Lambda gives a 256 MB function a
 * seventh of one. No connection is left open, no session is cached, no byte leaves the machine; each
 * real handshake after a restore draws its own randomness.
 */
public final class TlsPriming {

  private static final String HOST = PrimingCertificate.HOST;

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
      checkATrustedChain();
      PrimingCertificate certificate = PrimingCertificate.load();
      SSLContext server = certificate.server();
      SSLContext trusting = certificate.trustingClient();
      handshake(context, server);
      handshake(trusting, server);
      httpsExchanges(server, trusting);
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
    runTasks(engine);
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

  /**
   * A whole HTTPS exchange, as each function's clients make one, with a loopback server holding the
   * priming certificate: the JDK HTTP client (Vero, Segment, DynamoDB) and the URL connection (the
   * SDK's SQS client), each a throwaway trusting that certificate alone, so the function's own clients
   * and the default context hold no connection and no session. Returns how many answered 200.
   */
  static int httpsExchanges(SSLContext serverContext, SSLContext trusting) throws IOException {
    int answered = 0;
    try (LoopbackHttpsServer server = LoopbackHttpsServer.start(serverContext)) {
      URI uri = URI.create("https://127.0.0.1:" + server.port() + "/");
      HttpClient client = HttpClient.newBuilder().sslContext(trusting).version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2)).build();
      try {
        answered += client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode() == 200 ? 1 : 0;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      HttpsURLConnection connection = (HttpsURLConnection) uri.toURL().openConnection();
      connection.setSSLSocketFactory(trusting.getSocketFactory());
      connection.setConnectTimeout(2000);
      connection.setReadTimeout(2000);
      try (InputStream body = connection.getInputStream()) {
        body.readAllBytes();
        answered += connection.getResponseCode() == 200 ? 1 : 0;
      } finally {
        connection.disconnect();
      }
    }
    return answered;
  }

  /**
   * A whole handshake between two engines in memory, no socket: with the default context it ends at
   * the certificate check (nothing trusts the priming certificate), which walks the server's half as
   * the client sees it; with a context that trusts it, it completes (key schedule, finished messages).
   * Returns how it ended, for the test.
   */
  static String handshake(SSLContext client, SSLContext server) throws SSLException {
    SSLEngine clientEngine = client.createSSLEngine(PrimingCertificate.HOST, 443);
    clientEngine.setUseClientMode(true);
    clientEngine.setSSLParameters(https(clientEngine.getSSLParameters()));
    SSLEngine serverEngine = server.createSSLEngine();
    serverEngine.setUseClientMode(false);
    ByteBuffer toServer = ByteBuffer.allocate(clientEngine.getSession().getPacketBufferSize());
    ByteBuffer toClient = ByteBuffer.allocate(serverEngine.getSession().getPacketBufferSize());
    ByteBuffer clientData = ByteBuffer.allocate(clientEngine.getSession().getApplicationBufferSize());
    ByteBuffer serverData = ByteBuffer.allocate(serverEngine.getSession().getApplicationBufferSize());
    clientEngine.beginHandshake();
    serverEngine.beginHandshake();
    try {
      for (int round = 0; round < 20; round++) {
        flight(clientEngine, toServer, serverEngine, serverData);
        flight(serverEngine, toClient, clientEngine, clientData);
        if (clientEngine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
            && serverEngine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING) {
          return "completed " + clientEngine.getSession().getProtocol();
        }
      }
      return "unfinished";
    } catch (SSLHandshakeException refused) {
      return "refused by the client";
    } finally {
      clientEngine.closeOutbound();
      serverEngine.closeOutbound();
    }
  }

  /** What {@code from} has to send, over {@code wire}, read by {@code to}. */
  private static void flight(SSLEngine from, ByteBuffer wire, SSLEngine to, ByteBuffer data) throws SSLException {
    from.wrap(ByteBuffer.allocate(0), wire);
    runTasks(from);
    wire.flip();
    to.unwrap(wire, data);
    wire.compact();
    runTasks(to);
  }

  private static void runTasks(SSLEngine engine) {
    for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
      task.run();
    }
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
