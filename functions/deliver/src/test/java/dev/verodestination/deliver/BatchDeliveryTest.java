package dev.verodestination.deliver;

import static dev.verodestination.deliver.MessageDeliveryTest.CLOCK;
import static dev.verodestination.deliver.MessageDeliveryTest.LIMITS;
import static dev.verodestination.deliver.MessageDeliveryTest.NO_DEADLINE;
import static dev.verodestination.deliver.MessageDeliveryTest.QUIET;
import static dev.verodestination.deliver.MessageDeliveryTest.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.verodestination.deliver.outage.VeroHealth;
import dev.verodestination.deliver.vero.VeroOutcome;
import dev.verodestination.deliver.vero.MappingRules;
import dev.verodestination.queue.DeadLetterQueue;
import dev.verodestination.retry.RetryPolicy;
import dev.verodestination.log.JsonLog;
import dev.verodestination.testing.EmfLines;
import dev.verodestination.testing.StubSqsClient;
import java.time.Duration;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;

/** A batch's delivery with a stub Vero and a stub SQS: order per group, backoff, the batch's own report. */
class BatchDeliveryTest {

  private final StubSqsClient sqs = new StubSqsClient();

  private final List<String> settled = new java.util.concurrent.CopyOnWriteArrayList<>();

  private static List<QueuedMessage> queued(List<SQSMessage> batch) {
    return batch.stream().map(QueuedMessage::of).toList();
  }

  private BatchDelivery delivery(StubVero vero) {
    return delivery(vero, VeroCallLines.ALL);
  }

  private BatchDelivery delivery(StubVero vero, VeroCallLines callLines) {
    VeroHealth health = MessageDeliveryTest.health(vero);
    MessageDelivery messages = new MessageDelivery(vero, health, new StubCallProgress(), new DeadLetterQueue(sqs, "dlq.fifo"),
        MappingRules.SEGMENT, MessageDeliveryTest.NOBODY, LIMITS, callLines, CLOCK);
    return new BatchDelivery(messages, sqs, "events.fifo", new RetryPolicy(Duration.ofSeconds(10), Duration.ofSeconds(900), 10)
        .with(Clock.systemUTC(), wait -> { }, () -> 0.5), Executors.newFixedThreadPool(4), health, new DeliveryListener() {
          @Override
          public void settled(SQSMessage message) {
            settled.add(message.getMessageId());
          }
        });
  }

  private static String track(String user, String event) {
    return "{\"type\":\"track\",\"userId\":\"" + user + "\",\"event\":\"" + event + "\"}";
  }

  @Test
  void aRetryHoldsBackTheRestOfItsGroupWithABackoffAndLeavesOtherUsersAlone() {
    StubVero vero = new StubVero(r -> r.body().path("event_name").asText().equals("a2")
        ? new VeroOutcome.Retryable("Vero answered 503: busy", Optional.empty()) : new VeroOutcome.Delivered(200));
    List<SQSMessage> batch = List.of(message("1", "a", 1, track("a", "a1")), message("2", "a", 3, track("a", "a2")),
        message("3", "b", 1, track("b", "b1")), message("4", "a", 1, track("a", "a3")));
    BatchReport report = delivery(vero).deliver(queued(batch), new DeliveryRun(QUIET, NO_DEADLINE));
    assertEquals(new BatchReport(4, 2, 0, 2, 0, 0, Optional.empty(), List.of("2", "4")), report);
    assertEquals(List.of("receipt-2:36", "receipt-4:36"), sqs.visibilityChanges().stream()
        .map(ChangeMessageVisibilityRequest.class::cast).map(r -> r.receiptHandle() + ":" + r.visibilityTimeout()).toList(),
        "10 s doubled twice for the third receive, less 10% jitter; the held-back message waits as long");
    assertEquals(0, vero.calls().stream().filter(c -> c.contains("a3")).count());
    assertEquals(java.util.Set.of("1", "3"), java.util.Set.copyOf(settled), "each delivered message is settled as it ends; retried ones are not");
  }

  @Test
  void theReportCountsOnlyItsOwnBatch() {
    StubVero vero = new StubVero(r -> r.body().path("event_name").asText().equals("bad")
        ? new VeroOutcome.Permanent(400, "Vero answered 400: no") : new VeroOutcome.Delivered(200));
    BatchDelivery delivery = delivery(vero);
    assertEquals(new BatchReport(2, 1, 1, 0, 0, 0, Optional.empty(), List.of()),
        delivery.deliver(queued(List.of(message("1", "a", 1, track("a", "ok")), message("2", "b", 1, track("b", "bad")))), new DeliveryRun(QUIET, NO_DEADLINE)));
    assertEquals(new BatchReport(1, 1, 0, 0, 0, 0, Optional.empty(), List.of()), delivery.deliver(queued(List.of(message("3", "a", 1, track("a", "ok")))), new DeliveryRun(QUIET, NO_DEADLINE)));
  }

  @Test
  void retryAfterLongerThanTheBackoffWins() {
    StubVero vero = new StubVero(r -> new VeroOutcome.Retryable("Vero answered 429: slow", Optional.of(Duration.ofSeconds(120))));
    delivery(vero).deliver(queued(List.of(message("1", "a", 1, track("a", "x")))), new DeliveryRun(QUIET, NO_DEADLINE));
    assertEquals(120, sqs.visibilityChanges().get(0).visibilityTimeout());
  }

  @Test
  void whatTheInvocationHasNoTimeForIsHandedBackAtOnceInOrderAndNotCountedAsAFailure() {
    // issue #11, defect 4: ten messages of one user at 4 s a call ran 80 s in a 30 s function
    AtomicLong remaining = new AtomicLong(30_000);
    StubVero slow = new StubVero(r -> {
      remaining.addAndGet(-4_000);
      return new VeroOutcome.Delivered(200);
    });
    List<SQSMessage> batch = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      batch.add(message(Integer.toString(i), "u", 1, track("u", "e" + i)));
    }
    BatchReport report = delivery(slow).deliver(queued(batch), new DeliveryRun(QUIET, remaining::get));
    assertEquals(new BatchReport(10, 7, 0, 0, 0, 0, Optional.empty(), List.of("8", "9", "10")), report, "handed back, not retried: nothing failed");
    assertEquals(List.of("receipt-8:0", "receipt-9:0", "receipt-10:0"), sqs.visibilityChanges().stream()
        .map(r -> r.receiptHandle() + ":" + r.visibilityTimeout()).toList(), "visible again at once, for the next invocation");
  }

  /** The batch as the handler runs it: its lines, the batch line included. */
  private String handled(BatchDelivery delivery, List<SQSMessage> batch) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    JsonLog log = new JsonLog("deliver", new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
    SQSEvent event = new SQSEvent();
    event.setRecords(batch);
    new DeliverHandler(new DeliverWiring.Parts(delivery, DeliveryListener.NONE, log)).handleRequest(event, null);
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static final StubVero OK_BAD_BUSY = new StubVero(r -> switch (r.body().path("event_name").asText()) {
    case "bad" -> new VeroOutcome.Permanent(400, "Vero answered 400: no");
    case "busy" -> new VeroOutcome.Retryable(503, "Vero answered 503: busy", Optional.empty());
    default -> new VeroOutcome.Delivered(200);
  });

  private static List<SQSMessage> okBadBusyLater() {
    return List.of(message("1", "a", 1, track("a", "ok")), message("2", "b", 1, track("b", "bad")),
        message("3", "c", 1, track("c", "busy")), message("4", "c", 1, track("c", "later")), message("5", "d", 1, track("d", "ok")));
  }

  @Test
  void metricsCountVeroCallsByCallAndStatusClassWithLatencyRetriesAndDeadLettersAsValidEmf() {
    String logs = handled(delivery(OK_BAD_BUSY, VeroCallLines.FAILURES), okBadBusyLater());
    Map<String, String> track = Map.of("Function", "deliver", "Call", "POST /events/track");
    assertEquals(2, EmfLines.sum(logs, "VeroCalls", with(track, "StatusClass", "2xx")));
    assertEquals(1, EmfLines.sum(logs, "VeroCalls", with(track, "StatusClass", "4xx")));
    assertEquals(1, EmfLines.sum(logs, "VeroCalls", with(track, "StatusClass", "5xx")), "a retryable answer counts by its status");
    assertEquals(4, EmfLines.of(logs).stream().map(l -> l.path("VeroLatency"))
        .mapToInt(latency -> latency.isArray() ? latency.size() : latency.isNumber() ? 1 : 0).sum(), "one latency sample a call");
    assertEquals(2, EmfLines.sum(logs, "Retries", Map.of("Function", "deliver")), "the busy message and the one held behind it");
    assertEquals(1, EmfLines.sum(logs, "DeadLetters", Map.of("Function", "deliver", "StatusClass", "4xx")));
    java.util.Set<String> dimensions = new java.util.TreeSet<>();
    EmfLines.of(logs).forEach(l -> l.at("/_aws/CloudWatchMetrics").forEach(d -> d.path("Dimensions").forEach(set -> set.forEach(
        name -> dimensions.add(name.asText())))));
    assertEquals(java.util.Set.of("Call", "Function", "StatusClass"), dimensions, "a message id is never a dimension");
    List<String> messages = logs.lines().map(l -> dev.verodestination.json.Json.treeOrMissing(l).path("message").asText()).toList();
    assertEquals(1, messages.stream().filter("batch done"::equals).count());
    assertEquals(2, EmfLines.of(logs).stream().filter(l -> l.path("message").asText().equals("metrics") && l.has("VeroCalls")).count(),
        "three kinds of call: one rides on the batch's line, " + logs);
    assertTrue(EmfLines.of(logs).stream().anyMatch(l -> l.path("message").asText().equals("batch done") && l.has("VeroCalls")), logs);
  }

  @Test
  void withFailuresOnlyACallThatWentWellHasNoLineAndTheBatchLineNamesEachDeliveredMessage() {
    String logs = handled(delivery(OK_BAD_BUSY, VeroCallLines.FAILURES), okBadBusyLater());
    List<com.fasterxml.jackson.databind.JsonNode> lines = logs.lines().map(dev.verodestination.json.Json::treeOrMissing).toList();
    assertEquals(List.of("permanent", "retryable"), lines.stream().filter(l -> l.path("message").asText().equals("vero call"))
        .map(l -> l.path("outcome").asText()).sorted().toList());
    com.fasterxml.jackson.databind.JsonNode batch = lines.stream().filter(l -> l.path("message").asText().equals("batch done"))
        .findFirst().orElseThrow();
    // the sample messages carry no Segment messageId: their SQS id stands in
    assertEquals(List.of("1", "5"), java.util.stream.StreamSupport.stream(batch.path("deliveredIds").spliterator(), false)
        .map(com.fasterxml.jackson.databind.JsonNode::asText).sorted().toList());
    assertEquals(2, batch.path("delivered").asInt());
  }

  @Test
  void withAllEveryCallHasItsLineAsWell() {
    String logs = handled(delivery(OK_BAD_BUSY, VeroCallLines.ALL), okBadBusyLater());
    assertEquals(List.of("delivered", "delivered", "permanent", "retryable"), logs.lines().map(dev.verodestination.json.Json::treeOrMissing)
        .filter(l -> l.path("message").asText().equals("vero call")).map(l -> l.path("outcome").asText()).sorted().toList());
  }

  @Test
  void aDeliveredMessageIsNamedByItsSegmentMessageId() {
    String logs = handled(delivery(OK_BAD_BUSY, VeroCallLines.FAILURES), List.of(message("sqs-1", "a", 1,
        "{\"type\":\"track\",\"userId\":\"a\",\"event\":\"ok\",\"messageId\":\"segment-id-1\"}")));
    assertTrue(logs.contains("\"deliveredIds\":[\"segment-id-1\"]"), logs);
  }

  @Test
  void moreThanAHundredCallsOfOneKindSpreadOverLinesOfAHundredLatencies() {
    VeroCallMetrics calls = new VeroCallMetrics();
    dev.verodestination.deliver.vero.VeroRequest track = new dev.verodestination.deliver.vero.VeroRequest("POST", "/events/track",
        dev.verodestination.json.Json.object());
    for (int i = 0; i < 250; i++) {
      calls.add(track, 200, i);
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    JsonLog log = new JsonLog("deliver", new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
    com.fasterxml.jackson.databind.node.ObjectNode batchLine = log.line("INFO", "batch done");
    calls.writeOnto(batchLine, log);
    log.write(batchLine);
    String logs = out.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(List.of(100, 100, 50), EmfLines.of(logs).stream().map(l -> l.path("VeroLatency").size()).sorted(
        java.util.Comparator.reverseOrder()).toList());
    assertEquals(250, EmfLines.sum(logs, "VeroCalls", Map.of("Call", "POST /events/track", "StatusClass", "2xx")));
  }

  private static Map<String, String> with(Map<String, String> dimensions, String name, String value) {
    Map<String, String> all = new java.util.HashMap<>(dimensions);
    all.put(name, value);
    return all;
  }
}
