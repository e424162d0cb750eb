package dev.verodestination.priming;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * An HTTPS server on 127.0.0.1 for TLS priming: each connection's request is read to the end of its
 * headers and answered 200 with no body, and the connection closed. Nothing leaves the machine.
 */
final class LoopbackHttpsServer implements AutoCloseable {

  private static final byte[] ANSWER = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
      .getBytes(StandardCharsets.US_ASCII);

  private final SSLServerSocket socket;
  private final Thread thread;

  private LoopbackHttpsServer(SSLServerSocket socket) {
    this.socket = socket;
    this.thread = new Thread(this::serve, "tls-priming-server");
    this.thread.setDaemon(true);
  }

  static LoopbackHttpsServer start(SSLContext context) throws IOException {
    LoopbackHttpsServer server = new LoopbackHttpsServer(
        (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 4, InetAddress.getLoopbackAddress()));
    server.thread.start();
    return server;
  }

  int port() {
    return socket.getLocalPort();
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket peer = socket.accept()) {
        peer.setSoTimeout(2000);
        readHeaders(peer.getInputStream());
        OutputStream out = peer.getOutputStream();
        out.write(ANSWER);
        out.flush();
      } catch (IOException e) {
        // a client that went away, or the server closing: the next one is served
      }
    }
  }

  private static void readHeaders(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    for (int b = in.read(); b >= 0; b = in.read()) {
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == end.length) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
