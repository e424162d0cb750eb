package dev.verodestination.local;

import static dev.verodestination.testing.Eventually.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.queue.SqsClients;
import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.FakeHttpServer.Reply;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import dev.verodestination.testing.NpmPackages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** The runner's embedded SQS endpoint answers the runner and its operator commands, and no one else. */
class SqsEndpointGuardIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private static String waiting(SqsClient sqs, String queueUrl) {
    return sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes().toString();
  }

  @Test
  void aWebPageOfAnyOriginReachesItAndChangesNothing(@TempDir Path profile) throws Exception {
    Chromium.require();
    try (FakeHttpServer vero = new FakeHttpServer(r -> Reply.ok());
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), Map.of())) {
      SqsClient runnerSqs = pipeline.runner.sqs();
      String dlq = pipeline.runner.dlqUrl();
      runnerSqs.sendMessage(r -> r.queueUrl(dlq).messageGroupId("erin").messageDeduplicationId("letter-1")
          .messageBody("{\"type\":\"track\",\"userId\":\"erin\",\"event\":\"Parked\"}"));
      String before = waiting(runnerSqs, dlq);
      URI queue = URI.create(pipeline.runner.queueUrl());
      String endpoint = queue.getScheme() + "://" + queue.getAuthority();
      String page = "<!doctype html><script>(async () => {"
          + "const ep = '" + endpoint + "', q = '" + queue + "', dlq = '" + dlq + "';"
          + "const injected = JSON.stringify({type: 'track', userId: 'mallory', event: 'Injected'});"
          + "await fetch(ep + '/?Action=SendMessage&QueueUrl=' + encodeURIComponent(q) + '&MessageBody=' + encodeURIComponent(injected)"
          + "  + '&MessageGroupId=mallory&MessageDeduplicationId=m1', {mode: 'no-cors'}).catch(() => {});"
          + "await new Promise(done => { const img = new Image(); img.onload = img.onerror = done;"
          + "  img.src = ep + '/?Action=PurgeQueue&QueueUrl=' + encodeURIComponent(dlq); });"
          + "await fetch(ep + '/', {method: 'POST', mode: 'no-cors', body: new URLSearchParams({Action: 'PurgeQueue', QueueUrl: dlq})})"
          + "  .catch(() => {});"
          + "await fetch(ep + '/', {method: 'POST', headers: {'content-type': 'application/x-amz-json-1.0',"
          + "  'x-amz-target': 'AmazonSQS.PurgeQueue'}, body: JSON.stringify({QueueUrl: dlq})}).catch(() => {});"
          + "window.done = true; })();</script>";
      try (FakeHttpServer site = new FakeHttpServer(r -> new Reply(200, Map.of("content-type", "text/html"), page, 0, true))) {
        ChromeDriver browser = Chromium.start(profile);
        try {
          browser.get(site.baseUri() + "/");
          waitFor("the page's requests made", PATIENCE, () -> Boolean.TRUE.equals(browser.executeScript("return window.done === true")),
              () -> Chromium.consoleLines(browser) + "\n" + pipeline.log());
        } finally {
          browser.quit();
        }
      }
      assertEquals(before, waiting(runnerSqs, dlq), "the dead letter is still there");
      Thread.sleep(2000);
      assertEquals(0, vero.received().stream().filter(r -> r.body().contains("mallory")).count(), "nothing injected reached Vero");
      assertEquals("{ApproximateNumberOfMessages=0, ApproximateNumberOfMessagesNotVisible=0}", waiting(runnerSqs, pipeline.runner.queueUrl()));
      // the requests reached the endpoint (a page on 127.0.0.1 may call 127.0.0.1), and its guard refused each
      String log = pipeline.log();
      long refused = log.lines().filter(line -> line.contains("\"message\":\"sqs request refused\"")
          && line.contains("does not answer web pages")).count();
      assertTrue(refused >= 3, refused + " refusals:\n" + log);
    }
  }

  @Test
  void aClientWithoutTheRunnersCredentialIsRefusedAndTheOperatorsCredentialWorks() throws Exception {
    try (FakeHttpServer vero = new FakeHttpServer(r -> Reply.ok());
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), Map.of())) {
      URI queue = URI.create(pipeline.runner.queueUrl());
      URI endpoint = URI.create(queue.getScheme() + "://" + queue.getAuthority());
      try (SqsClient stranger = SqsClients.create(Region.US_EAST_1, StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")),
          Optional.of(endpoint))) {
        SqsException refused = assertThrows(SqsException.class,
            () -> stranger.purgeQueue(r -> r.queueUrl(pipeline.runner.dlqUrl())));
        assertEquals(403, refused.statusCode());
        assertEquals("AccessDenied", refused.awsErrorDetails().errorCode());
      }

      JsonNode places = pipeline.operatorPlaces();
      try (SqsClient operatorSqs = SqsClients.create(Region.US_EAST_1, StaticCredentialsProvider.create(AwsBasicCredentials.create(
          places.get("sqsAccessKeyId").asText(), places.get("sqsSecretAccessKey").asText())), Optional.of(endpoint))) {
        assertEquals(3, operatorSqs.listQueues().queueUrls().size());
      }
      assertTrue(pipeline.log().contains("\"message\":\"sqs request refused\",\"method\":\"POST\",\"path\":\"/\",\"reason\":\""
          + "the runner's SQS endpoint answers only the runner and its operator commands"), pipeline.log());
      assertTrue(!pipeline.log().contains(places.get("sqsSecretAccessKey").asText()), "the secret is not in the log");
    }
  }

  /** A python3 that has botocore (the pyenv one here, Debian's python3-botocore on a fresh machine), if any. */
  private static Optional<String> pythonWithBotocore() throws InterruptedException {
    for (String python : List.of("python3", "/usr/bin/python3")) {
      try {
        Process check = new ProcessBuilder(python, "-c", "import botocore").redirectErrorStream(true).start();
        check.getInputStream().readAllBytes();
        if (check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0) {
          return Optional.of(python);
        }
      } catch (java.io.IOException absent) {
        // try the next one
      }
    }
    return Optional.empty();
  }

  @Test
  void botocoreAsTheAwsCliSignsIsLetInInEveryFormAndRefusedWithAnotherSecret() throws Exception {
    // issue #29, finding 4: the guard re-signed with the Java SDK's header set, so botocore's signature got 403
    Optional<String> python = pythonWithBotocore();
    NpmPackages.require(python.isPresent(), "python3 with botocore (Debian's python3-botocore)");
    Path script = Path.of("src/test/resources/botocore/sqs_clients.py").toAbsolutePath();
    try (FakeHttpServer vero = new FakeHttpServer(r -> Reply.ok());
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), Map.of())) {
      URI queue = URI.create(pipeline.runner.queueUrl());
      JsonNode places = pipeline.operatorPlaces();
      Map<String, String> runner = Map.of("SQS_ENDPOINT", queue.getScheme() + "://" + queue.getAuthority(),
          "SQS_KEY", places.get("sqsAccessKeyId").asText(), "SQS_SECRET", places.get("sqsSecretAccessKey").asText());
      assertEquals(List.of("{\"form\": \"client\", \"status\": 200, \"listsQueues\": true}",
          "{\"form\": \"query\", \"status\": 200, \"listsQueues\": true}",
          "{\"form\": \"presigned\", \"status\": 200, \"listsQueues\": true}"), run(python.get(), script, runner));
      Map<String, String> guessed = new java.util.HashMap<>(runner);
      guessed.put("SQS_SECRET", "guessed-secret");
      assertEquals(List.of("{\"form\": \"client\", \"status\": 403, \"listsQueues\": false}",
          "{\"form\": \"query\", \"status\": 403, \"listsQueues\": false}",
          "{\"form\": \"presigned\", \"status\": 403, \"listsQueues\": false}"), run(python.get(), script, guessed));
    }
  }

  private static List<String> run(String python, Path script, Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(python, script.toString()).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
    assertEquals(0, process.exitValue(), output);
    return output.lines().toList();
  }
}
