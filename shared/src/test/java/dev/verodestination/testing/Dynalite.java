package dev.verodestination.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * dynalite, a DynamoDB-compatible server from npm that runs without Docker, on a free port of
 * 127.0.0.1 for a test class ({@code @RegisterExtension static final Dynalite DYNALITE = new Dynalite()}).
 */
public final class Dynalite implements BeforeAllCallback, AfterAllCallback {

  private Process server;
  private int port;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Path cli = NpmPackages.install("dynalite", "4.0.0").resolve("cli.js");
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    server = new ProcessBuilder("node", cli.toString(), "--port", Integer.toString(port)).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    long until = System.currentTimeMillis() + 20_000;
    while (true) {
      try {
        new Socket("127.0.0.1", port).close();
        return;
      } catch (IOException notYet) {
        if (System.currentTimeMillis() > until || !server.isAlive()) {
          throw new IllegalStateException("dynalite did not start on port " + port);
        }
        Thread.sleep(100);
      }
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (server != null) {
      server.destroyForcibly();
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }
}
