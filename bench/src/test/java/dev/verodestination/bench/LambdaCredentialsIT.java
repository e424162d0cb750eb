package dev.verodestination.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.verodestination.testing.Conformance;
import dev.verodestination.testing.ElasticMq;
import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.FakeHttpServer.Reply;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ingest jar, started as the Lambda runtime starts it after a SnapStart restore: no access keys
 * in the environment, credentials from the runtime's container endpoint. (Lambda without SnapStart
 * puts them in the environment; the cold-start harness runs that case.)
 */
class LambdaCredentialsIT {

  @RegisterExtension
  static final ElasticMq SQS = new ElasticMq();

  /** Starts the built ingest jar as Lambda would, with only {@code environment}, and handles the sample track. */
  private static String probeIngestJar(Map<String, String> environment) throws Exception {
    Path root = Conformance.projectRoot();
    Path jar = root.resolve("functions/ingest/target/vero-destination-ingest.jar");
    assumeTrue(Files.exists(jar), "the function jar is built by `mvn verify` before this module's tests");
    Process child = ColdStart.probe(jar + File.pathSeparator + root.resolve("bench/target/classes"), List.of(), environment,
        List.of("cold", root.resolve("events/ingest/track.json").toString(), "dev.verodestination.ingest.IngestHandler",
            "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent")).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), output);
    return output;
  }

  @Test
  void afterASnapStartRestoreTheFunctionTakesItsCredentialsFromTheContainerEndpoint() throws Exception {
    String queueUrl = SQS.fifoQueue("credentials");
    try (FakeHttpServer runtime = new FakeHttpServer(r -> new Reply(200, Map.of(),
        "{\"AccessKeyId\":\"ASIAEXAMPLE\",\"SecretAccessKey\":\"secret\",\"Token\":\"session\",\"Expiration\":\"2099-01-01T00:00:00Z\"}",
        0, true))) {
      String output = probeIngestJar(Map.of(
          "AWS_REGION", "us-east-1",
          "AWS_ENDPOINT_URL", SQS.endpoint().toString(),
          "AWS_CONTAINER_CREDENTIALS_FULL_URI", runtime.baseUri() + "/2021-04-23/credentials",
          "AWS_CONTAINER_AUTHORIZATION_TOKEN", "runtime-token",
          "WRITE_KEYS", "sample-write-key",
          "QUEUE_URL", queueUrl));
      assertTrue(output.contains("PROBE mode=cold") && output.contains("answer=200"), output);
      assertEquals(List.of("/2021-04-23/credentials"), runtime.received().stream().map(FakeHttpServer.Recorded::path).toList());
      assertEquals("runtime-token", runtime.received().get(0).header("authorization"));
      assertEquals(1, SQS.drain(queueUrl).size());
    }
  }

  @Test
  void inAwsTheFunctionReadsItsWriteKeysFromTheStacksSecretNotFromItsEnvironment() throws Exception {
    String queueUrl = SQS.fifoQueue("secrets");
    String arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:vero-destination-AbCdEf";
    String secret = "{\"WRITE_KEYS\":\"sample-write-key\",\"VERO_AUTH_TOKEN\":\"unused-here\"}";
    try (FakeHttpServer secretsManager = new FakeHttpServer(r -> new Reply(200, Map.of("Content-Type", "application/x-amz-json-1.1"),
        "{\"ARN\":\"" + arn + "\",\"SecretString\":" + dev.verodestination.json.Json.string(
            com.fasterxml.jackson.databind.node.TextNode.valueOf(secret)) + "}", 0, true))) {
      String output = probeIngestJar(Map.of(
          "AWS_REGION", "us-east-1",
          "AWS_ACCESS_KEY_ID", "test",
          "AWS_SECRET_ACCESS_KEY", "test",
          "AWS_ENDPOINT_URL_SQS", SQS.endpoint().toString(),
          "AWS_ENDPOINT_URL_SECRETS_MANAGER", secretsManager.baseUri().toString(),
          "SECRETS_ARN", arn,
          "QUEUE_URL", queueUrl));
      assertTrue(output.contains("PROBE mode=cold") && output.contains("answer=200"), "the sample's write key came from the secret: " + output);
      assertEquals("secretsmanager.GetSecretValue", secretsManager.received().get(0).header("x-amz-target"));
      assertEquals(1, SQS.drain(queueUrl).size());
    }
  }
}
