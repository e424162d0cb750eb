package dev.verodestination.bench;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * What TLS priming saves on the first HTTPS call after a SnapStart restore: fresh JVMs make one
 * plain HTTP call, then one HTTPS call to a server on 127.0.0.1 (a certificate made here with
 * keytool, trusted through a copy of the JDK's trust store with it added, so the whole trust store is
 * read as on Lambda), without and with {@code TlsPriming} between the two; for the JDK HTTP client
 * (Vero, Segment, DynamoDB) and the URL connection (the SDK's SQS client). Prints the medians and
 * their ratio, {@code tls client=jdk cold_ms=… primed_ms=… ratio=…}.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.verodestination.bench.TlsFirstCall [runs] [JVM flags…]</pre>
 */
public final class TlsFirstCall {

  private static final String PASSWORD = "changeit";

  private TlsFirstCall() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    List<String> flags = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
    Path dir = Files.createTempDirectory("tls-first-call");
    Path keyStore = dir.resolve("server.p12");
    Path trustStore = dir.resolve("trust.p12");
    keytool("-genkeypair", "-alias", "stand-in", "-keyalg", "EC", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD);
    keytool("-importkeystore", "-srckeystore", Path.of(System.getProperty("java.home"), "lib", "security", "cacerts").toString(),
        "-srcstorepass", PASSWORD, "-destkeystore", trustStore.toString(), "-deststoretype", "PKCS12", "-deststorepass", PASSWORD);
    keytool("-exportcert", "-alias", "stand-in", "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-file",
        dir.resolve("stand-in.cer").toString());
    keytool("-importcert", "-noprompt", "-alias", "stand-in", "-file", dir.resolve("stand-in.cer").toString(), "-keystore",
        trustStore.toString(), "-storepass", PASSWORD);

    HttpServer plain = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    HttpsServer secure = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    secure.setHttpsConfigurator(new HttpsConfigurator(serverContext(keyStore)));
    for (HttpServer server : List.of(plain, secure)) {
      server.createContext("/", exchange -> {
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
      });
      server.start();
    }
    String plainUrl = "http://127.0.0.1:" + plain.getAddress().getPort() + "/";
    String secureUrl = "https://localhost:" + secure.getAddress().getPort() + "/";
    System.out.printf(Locale.ROOT, "tls first call: %d runs each, JVM %s, flags %s%n", runs, System.getProperty("java.version"),
        flags.isEmpty() ? "(none)" : String.join(" ", flags));
    for (String client : List.of("jdk", "urlconnection")) {
      List<Long> cold = new ArrayList<>();
      List<Long> primed = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        cold.add(probe(flags, trustStore, "cold", client, plainUrl, secureUrl));
        primed.add(probe(flags, trustStore, "primed", client, plainUrl, secureUrl));
      }
      double coldMs = median(cold) / 1000.0;
      double primedMs = median(primed) / 1000.0;
      System.out.printf(Locale.ROOT, "tls client=%s cold_ms=%.1f primed_ms=%.1f ratio=%.2f%n", client, coldMs, primedMs, primedMs / coldMs);
    }
    plain.stop(0);
    secure.stop(0);
  }

  private static long probe(List<String> flags, Path trustStore, String mode, String client, String plainUrl, String secureUrl)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(flags);
    command.add("-Djavax.net.ssl.trustStore=" + trustStore);
    command.add("-Djavax.net.ssl.trustStorePassword=" + PASSWORD);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(TlsProbe.class.getName());
    command.addAll(List.of(mode, client, plainUrl, secureUrl));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    StringBuilder output = new StringBuilder();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.startsWith("TLS ") && line.contains("status=200")) {
          process.waitFor();
          return Long.parseLong(line.replaceAll(".*firstMicros=(\\d+).*", "$1"));
        }
        output.append(line).append('\n');
      }
    }
    throw new IllegalStateException("the probe made no HTTPS call:\n" + output);
  }

  private static SSLContext serverContext(Path keyStore) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(keyStore.toFile())) {
      keys.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    managers.init(keys, PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(managers.getKeyManagers(), null, null);
    return context;
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
    }
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
