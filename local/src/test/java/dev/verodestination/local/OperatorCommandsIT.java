package dev.verodestination.local;

import static dev.verodestination.testing.Eventually.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.json.Json;
import dev.verodestination.ops.Operator;
import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.FakeHttpServer.Reply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The operator commands of the runner's jar against a running runner's queues, a fake Vero and a fake Segment. */
class OperatorCommandsIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  record Ran(int exit, String out, String err) {
    JsonNode json() {
      try {
        return Json.MAPPER.readTree(out);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + out + err, e);
      }
    }
  }

  static Ran operator(Pipeline pipeline, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--runner");
    all.add("http://127.0.0.1:" + pipeline.runner.port());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Operator.run(all, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Ran(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The user's calls that Vero took, in the order it took them. */
  private static List<String> callsFor(FakeHttpServer vero, String user) {
    return vero.processed().stream().filter(r -> r.body().contains("\"" + user + "\""))
        .map(r -> r.method() + " " + r.path() + " " + r.json().path("event_name").asText("")).toList();
  }

  @Test
  void deadLettersAreListedWithWhyAndRedrivenInTheUsersOrderResumingAfterCallsMade() throws Exception {
    AtomicBoolean fixed = new AtomicBoolean(false);
    // Vero refuses carol's tag change and her events until "fixed"; her profile update goes through
    try (FakeHttpServer vero = new FakeHttpServer(r -> !fixed.get() && r.body().contains("\"carol\"")
            && !r.path().endsWith("/users/track") ? Reply.status(400) : Reply.ok());
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), Map.of())) {
      String batch = "{\"batch\":["
          + "{\"type\":\"identify\",\"userId\":\"carol\",\"messageId\":\"c-1\",\"traits\":{\"email\":\"carol@example.com\"},"
          + "\"integrations\":{\"Vero\":{\"tags\":{\"action\":\"add\",\"values\":[\"vip\"]}}}},"
          + "{\"type\":\"track\",\"userId\":\"carol\",\"messageId\":\"c-2\",\"event\":\"Second\"},"
          + "{\"type\":\"track\",\"userId\":\"dave\",\"messageId\":\"d-1\",\"event\":\"Fine\"},"
          + "{\"type\":\"track\",\"userId\":\"carol\",\"messageId\":\"c-3\",\"event\":\"Third\"}]}";
      assertEquals(200, pipeline.post("/v1/batch", batch).statusCode());
      waitFor("three dead letters", PATIENCE, () -> pipeline.log().split("\"dead-lettered\"", -1).length - 1 == 3);
      assertTrue(pipeline.log().contains("\"segmentMessageId\":\"c-2\",\"reason\":\"Vero answered 400"), "the log names Segment's id");

      Ran list = operator(pipeline, "dlq", "list", "--json");
      assertEquals(0, list.exit(), list.err());
      JsonNode letters = list.json().get("deadLetters");
      assertEquals(3, letters.size(), list.out());
      assertEquals(List.of("c-1", "c-2", "c-3"), List.of(letters.get(0).get("messageId").asText(),
          letters.get(1).get("messageId").asText(), letters.get(2).get("messageId").asText()));
      for (JsonNode letter : letters) {
        assertEquals("carol", letter.get("userId").asText());
        assertEquals(400, letter.get("status").asInt());
        assertEquals("deliver", letter.get("source").asText());
        assertTrue(letter.get("failedAt").asText().startsWith("20"), letter.toString());
      }
      assertTrue(letters.get(0).get("reason").asText().endsWith("(PUT /users/tags/edit)"), letters.get(0).toString());
      assertEquals(1, letters.get(0).get("veroCallsDone").asInt());
      assertEquals(0, letters.get(1).get("veroCallsDone").asInt());
      assertTrue(letters.get(1).get("reason").asText().endsWith("(POST /events/track)"), letters.get(1).toString());
      assertEquals("Second", letters.get(1).get("event").asText(), "a track's event name, the one thing an operator looks for");

      Ran human = operator(pipeline, "dlq", "list");
      assertTrue(human.out().startsWith("3 dead letters in the local runner at http://127.0.0.1:"), human.out());
      assertTrue(human.out().contains("identify c-1 of user carol"), human.out());
      assertTrue(human.out().contains("track \"Second\" c-2 of user carol"), human.out());
      assertTrue(human.out().contains("Vero calls done 1"), human.out());

      Ran show = operator(pipeline, "dlq", "show", "c-2", "--json");
      assertEquals(0, show.exit(), show.err());
      assertEquals("Second", show.json().at("/body/event").asText());
      assertEquals(1, operator(pipeline, "dlq", "show", "no-such-id").exit());

      int callsBefore = vero.processed().size();
      Ran dryRun = operator(pipeline, "dlq", "redrive", "--dry-run", "--json");
      assertEquals(0, dryRun.exit(), dryRun.err());
      assertEquals(3, dryRun.json().get("wouldRedrive").asInt());
      assertEquals(3, operator(pipeline, "dlq", "list", "--json").json().get("deadLetters").size(), "a dry run changes nothing");

      fixed.set(true);
      Ran redrive = operator(pipeline, "dlq", "redrive", "--json");
      assertEquals(0, redrive.exit(), redrive.err());
      assertEquals(3, redrive.json().get("redriven").asInt(), redrive.out());
      waitFor("carol's three messages delivered", PATIENCE, () -> vero.processed().size() == callsBefore + 3);
      // the tag change resumes after the profile update already made; her events follow in order
      assertEquals(List.of(
          "POST /api/v2/users/track ",
          "PUT /api/v2/users/tags/edit ",
          "POST /api/v2/events/track Second",
          "POST /api/v2/events/track Third"), callsFor(vero, "carol"));
      assertEquals(0, operator(pipeline, "dlq", "list", "--json").json().get("deadLetters").size());
    }
  }

  @Test
  void parkedWebhooksAnEmailEventAndAProfileChangeAreListedAndResentToSegment() throws Exception {
    AtomicBoolean segmentUp = new AtomicBoolean(false);
    String token = "hook_operator_test_7c21";
    try (FakeHttpServer segment = new FakeHttpServer(r -> segmentUp.get() ? Reply.ok() : Reply.status(500));
         Pipeline pipeline = new Pipeline(URI.create("http://127.0.0.1:9/api/v2"), Map.of(
             "VERO_WEBHOOK_TOKEN", token,
             "SEGMENT_WRITE_KEY", "seg_wk_operator_test",
             "SEGMENT_API_URL", segment.baseUri() + "/v1",
             "VERO_PROFILE_WEBHOOKS", "forward"))) {
      String opened = "{\"type\":\"opened\",\"opened_at\":1795867060,\"user\":{\"id\":77,\"email\":\"op@example.com\"},"
          + "\"campaign\":{\"id\":5,\"name\":\"Operator check\",\"subject\":\"Hello\"},\"message_id\":\"<op-1@mail.example.com>\"}";
      String tagged = "{\"type\":\"user_updated\",\"user\":{\"id\":77},\"changes\":{\"_tags\":{\"add\":[\"vip\"]}}}";
      for (String payload : List.of(opened, tagged)) {
        HttpResponse<String> parked = pipeline.post("/webhooks/vero/" + token, payload);
        assertEquals(200, parked.statusCode(), parked.body());
        assertTrue(parked.body().contains("\"parked\":true"), parked.body());
      }

      Ran list = operator(pipeline, "webhooks", "list", "--json");
      assertEquals(0, list.exit(), list.err());
      JsonNode webhooks = list.json().get("parkedWebhooks");
      assertEquals(2, webhooks.size(), list.out());
      assertEquals(500, webhooks.get(0).get("status").asInt());
      assertEquals("webhook", webhooks.get(0).get("source").asText());
      assertEquals(java.util.Set.of("opened", "user_updated"),
          java.util.Set.of(webhooks.get(0).at("/body/type").asText(), webhooks.get(1).at("/body/type").asText()));
      assertTrue(!list.out().contains(token) && !list.out().contains("seg_wk_operator_test"), "no secret in the output");

      segment.clear();
      segmentUp.set(true);
      Ran resend = operator(pipeline, "webhooks", "resend", "--json");
      assertEquals(0, resend.exit(), resend.err());
      assertEquals(2, resend.json().get("forwarded").asInt(), resend.out());
      assertTrue(!resend.out().contains(token), "the webhook URL holds the token and is never printed");
      assertEquals(2, segment.processed().size());
      java.util.Map<String, JsonNode> byType = new java.util.HashMap<>();
      segment.processed().forEach(r -> byType.put(r.json().get("batch").get(0).get("type").asText(), r.json().get("batch").get(0)));
      assertEquals("Email Opened", byType.get("track").get("event").asText());
      assertEquals("77", byType.get("track").get("userId").asText());
      assertEquals("{\"vero_tag_vip\":true}", byType.get("identify").get("traits").toString());
      assertEquals(0, operator(pipeline, "webhooks", "list", "--json").json().get("parkedWebhooks").size());
    }
  }

  @Test
  void mistakesAreSaidAndNoRunnerIsNamed() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Operator.run(List.of("dlq", "list", "--runner", "http://127.0.0.1:9"), new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, exit);
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("no local runner at http://127.0.0.1:9"), err.toString());
    err.reset();
    assertEquals(2, Operator.run(List.of("dlq", "list", "--frobnicate"), new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8)));
    assertEquals("unknown option --frobnicate; see --help\n", err.toString(StandardCharsets.UTF_8));
    ByteArrayOutputStream help = new ByteArrayOutputStream();
    assertEquals(2, Operator.run(List.of("--json"), new PrintStream(help, true, StandardCharsets.UTF_8), new PrintStream(err)),
        "options and no command: the help, as a mistake");
    assertTrue(help.toString(StandardCharsets.UTF_8).contains("dlq redrive [--reason WORDS]"));
  }

  @Test
  void namedQueuesAreReachedAsOnAwsAndAReplayCanGoStraightOntoTheQueue(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder)
      throws Exception {
    try (FakeHttpServer vero = new FakeHttpServer(r -> Reply.ok());
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), Map.of())) {
      // the AWS path: the default credential chain (here from system properties, with the only
      // credential the runner's SQS endpoint takes) and queue URLs as options
      System.setProperty("aws.accessKeyId", pipeline.operatorPlaces().get("sqsAccessKeyId").asText());
      System.setProperty("aws.secretAccessKey", pipeline.operatorPlaces().get("sqsSecretAccessKey").asText());
      URI queue = URI.create(pipeline.runner.queueUrl());
      String endpoint = queue.getScheme() + "://" + queue.getAuthority();
      java.nio.file.Path archive = folder.resolve("archive.json");
      java.nio.file.Files.writeString(archive, "{\"type\":\"track\",\"userId\":\"gina\",\"event\":\"From The Archive\",\"messageId\":\"g-1\"}\n");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int exit = Operator.run(List.of("replay", archive.toString(), "--queue-url", pipeline.runner.queueUrl(), "--region", "us-east-1",
              "--endpoint-url", endpoint, "--state", folder.resolve("state.json").toString(), "--json"),
          new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
      assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
      assertEquals(1, Json.MAPPER.readTree(out.toString(StandardCharsets.UTF_8)).at("/allRuns/accepted").asInt());
      waitFor("the archived event at Vero", PATIENCE, () -> vero.processed().size() == 1);
      assertEquals("From The Archive", vero.processed().get(0).json().get("event_name").asText());

      out.reset();
      exit = Operator.run(List.of("dlq", "list", "--dlq-url", pipeline.runner.dlqUrl(), "--region", "us-east-1", "--endpoint-url", endpoint),
          new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
      assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
      assertEquals("0 dead letters in AWS (us-east-1)\n", out.toString(StandardCharsets.UTF_8));
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }
}
