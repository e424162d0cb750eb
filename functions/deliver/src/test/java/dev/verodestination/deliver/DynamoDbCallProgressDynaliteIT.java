package dev.verodestination.deliver;

import dev.verodestination.testing.NpmPackages;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB progress store against dynalite, a DynamoDB-compatible server from npm that runs
 * without Docker (the LocalStack variant runs where Docker does).
 */
class DynamoDbCallProgressDynaliteIT {

  private static Process dynalite;
  private static int port;

  @BeforeAll
  static void startDynalite() throws Exception {
    Path cli = NpmPackages.install("dynalite", "4.0.0").resolve("cli.js");
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    dynalite = new ProcessBuilder("node", cli.toString(), "--port", Integer.toString(port)).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    long until = System.currentTimeMillis() + 20_000;
    while (true) {
      try {
        new Socket("127.0.0.1", port).close();
        return;
      } catch (IOException notYet) {
        if (System.currentTimeMillis() > until || !dynalite.isAlive()) {
          throw new IllegalStateException("dynalite did not start on port " + port);
        }
        Thread.sleep(100);
      }
    }
  }

  @AfterAll
  static void stopDynalite() {
    if (dynalite != null) {
      dynalite.destroyForcibly();
    }
  }

  @Test
  void countsAttemptsKeepsCallsDoneAndForgets() throws Exception {
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    try (DynamoDbClient dynamo = DynamoDbClient.builder()
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials)
        .endpointOverride(endpoint)
        .httpClient(UrlConnectionHttpClient.create())
        .build()) {
      CallProgressContract.holdsForATable(dynamo, endpoint, credentials);
    }
  }
}
