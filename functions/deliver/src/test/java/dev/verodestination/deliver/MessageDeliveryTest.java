package dev.verodestination.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.MessageAttribute;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.verodestination.deliver.outage.Outage;
import dev.verodestination.deliver.outage.VeroHealth;
import dev.verodestination.deliver.outage.VeroProbe;
import dev.verodestination.deliver.vero.VeroOutcome;
import dev.verodestination.retry.RetryPolicy;
import dev.verodestination.deliver.vero.MappingRules;
import dev.verodestination.log.JsonLog;
import dev.verodestination.queue.DeadLetterQueue;
import dev.verodestination.testing.StubSqsClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import dev.verodestination.deliver.suppress.SuppressionCheck;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/** One message's delivery with a stub Vero and a stub SQS for the DLQ: no server, no network. */
class MessageDeliveryTest {

  static final JsonLog QUIET = new JsonLog("deliver", new PrintStream(new ByteArrayOutputStream()));
  static final MessageDelivery.Limits LIMITS = new MessageDelivery.Limits(3, 6000, Duration.ofDays(13));
  static final RetryPolicy PROBES = new RetryPolicy(Duration.ofSeconds(10), Duration.ofMinutes(30), Integer.MAX_VALUE);
  static final LongSupplier NO_DEADLINE = () -> Long.MAX_VALUE;
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
  /** No one suppressed. */
  static final SuppressionCheck NOBODY = new SuppressionCheck(new StubSuppressedUsers(), CLOCK);
  static final String TAGGED = "{\"type\":\"identify\",\"userId\":\"u\",\"messageId\":\"m-1\","
      + "\"integrations\":{\"Vero\":{\"tags\":{\"action\":\"add\",\"values\":[\"vip\"]}}}}";

  static SQSMessage message(String id, String group, int receiveCount, String body) {
    SQSMessage message = new SQSMessage();
    message.setMessageId(id);
    message.setReceiptHandle("receipt-" + id);
    message.setBody(body);
    message.setAttributes(Map.of("MessageGroupId", group, "ApproximateReceiveCount", Integer.toString(receiveCount)));
    return message;
  }

  private final StubSqsClient sqs = new StubSqsClient();
  private final StubCallProgress progress = new StubCallProgress();

  private MessageDelivery delivery(StubVero vero) {
    return new MessageDelivery(vero, health(vero), progress, new DeadLetterQueue(sqs, "dlq.fifo"), MappingRules.SEGMENT, NOBODY, LIMITS, VeroCallLines.ALL, CLOCK);
  }

  /** A container's health, probing through the same stub Vero as the messages' calls. */
  static VeroHealth health(StubVero vero) {
    return new VeroHealth(VeroProbe.through(vero, QUIET), PROBES, CLOCK);
  }

  @Test
  void everyCallIsMadeInOrderAndTheMessageIsFinished() {
    StubVero vero = StubVero.delivering();
    assertEquals(new MessageOutcome.Finished(false), delivery(vero).deliver(QueuedMessage.of(message("s-1", "u", 1, TAGGED)), new DeliveryRun(QUIET, NO_DEADLINE)));
    assertEquals(List.of("POST /users/track", "PUT /users/tags/edit"), vero.calls());
    assertEquals(List.of(), sqs.sent());
  }

  @Test
  void aPermanentAnswerParksTheMessageWithItsReasonStatusAndCallsDone() throws Exception {
    StubVero vero = new StubVero(r -> r.path().equals("/users/tags/edit")
        ? new VeroOutcome.Permanent(422, "Vero answered 422: no") : new VeroOutcome.Delivered(200));
    assertEquals(new MessageOutcome.Finished(true), delivery(vero).deliver(QueuedMessage.of(message("s-1", "u", 1, TAGGED)), new DeliveryRun(QUIET, NO_DEADLINE)));
    SendMessageRequest parked = sqs.sent().get(0);
    assertEquals("Vero answered 422: no (PUT /users/tags/edit)", parked.messageAttributes().get("reason").stringValue());
    assertEquals("422", parked.messageAttributes().get("status").stringValue());
    assertEquals("u", parked.messageGroupId());
    assertEquals(TAGGED, parked.messageBody(), "the dead letter's body is the message as it was queued");
    assertEquals("1", parked.messageAttributes().get(DeadLetterQueue.CALLS_DONE).stringValue(),
        "a redrive resumes after the call that succeeded");
  }

  @Test
  void aRetryableAnswerAfterTheFirstCallRecordsProgressSoTheRetrySkipsIt() {
    StubVero failingTags = new StubVero(r -> r.path().equals("/users/tags/edit")
        ? new VeroOutcome.Retryable("Vero answered 503: busy", Optional.of(Duration.ofSeconds(30))) : new VeroOutcome.Delivered(200));
    MessageOutcome first = delivery(failingTags).deliver(QueuedMessage.of(message("s-1", "u", 1, TAGGED)), new DeliveryRun(QUIET, NO_DEADLINE));
    assertEquals(new MessageOutcome.TryAgain("Vero answered 503: busy", Optional.of(Duration.ofSeconds(30))), first);

    StubVero retry = StubVero.delivering();
    assertEquals(new MessageOutcome.Finished(false), delivery(retry).deliver(QueuedMessage.of(message("s-1", "u", 2, TAGGED)), new DeliveryRun(QUIET, NO_DEADLINE)));
    assertEquals(List.of("PUT /users/tags/edit"), retry.calls(), "the identify that succeeded is not sent again");
  }

  @Test
  void aRedrivenMessageResumesAfterTheCallsItsAttributeSaysWereMade() {
    SQSMessage redriven = message("s-1", "u", 1, TAGGED);
    MessageAttribute done = new MessageAttribute();
    done.setDataType("Number");
    done.setStringValue("1");
    redriven.setMessageAttributes(Map.of(DeadLetterQueue.CALLS_DONE, done));
    StubVero vero = StubVero.delivering();
    assertEquals(new MessageOutcome.Finished(false), delivery(vero).deliver(QueuedMessage.of(redriven), new DeliveryRun(QUIET, NO_DEADLINE)));
    assertEquals(List.of("PUT /users/tags/edit"), vero.calls());
  }

  private static SQSMessage fifo(String sqsId, String group, String dedup, int receiveCount, String body) {
    SQSMessage message = message(sqsId, group, receiveCount, body);
    message.setAttributes(Map.of("MessageGroupId", group, "MessageDeduplicationId", dedup,
        "ApproximateReceiveCount", Integer.toString(receiveCount)));
    return message;
  }

  @Test
  void progressBelongsToOneUsersMessageEvenWhenAnotherUserSentTheSameMessageId() throws Exception {
    // issue #11, defect 5: another user's record under the same messageId made a retry skip the victim's identify
    StubVero failingTags = new StubVero(r -> r.path().equals("/users/tags/edit")
        ? new VeroOutcome.Retryable("busy", Optional.empty()) : new VeroOutcome.Delivered(200));
    delivery(failingTags).deliver(QueuedMessage.of(fifo("a-1", "alice", "m-1", 1, TAGGED.replace("\"u\"", "\"alice\""))), new DeliveryRun(QUIET, NO_DEADLINE));
    assertEquals(1, progress.callsDone("alice/m-1"));

    StubVero vero = StubVero.delivering();
    delivery(vero).deliver(QueuedMessage.of(fifo("b-1", "bob", "m-1", 2, TAGGED.replace("\"u\"", "\"bob\""))), new DeliveryRun(QUIET, NO_DEADLINE));
    assertEquals(List.of("POST /users/track", "PUT /users/tags/edit"), vero.calls(), "bob's identify is sent");

    StubVero retry = StubVero.delivering();
    delivery(retry).deliver(QueuedMessage.of(fifo("a-1", "alice", "m-1", 2, TAGGED.replace("\"u\"", "\"alice\""))), new DeliveryRun(QUIET, NO_DEADLINE));
    assertEquals(List.of("PUT /users/tags/edit"), retry.calls());
    assertEquals(0, progress.callsDone("alice/m-1"), "a done message's progress is cleared");
  }

  @Test
  void progressInAPostedBodyIsNotTakenFromTheOutside() {
    // issue #11, defect 13: "_veroCallsDone" in a posted message made it count as delivered, never sent
    StubVero vero = StubVero.delivering();
    String forged = TAGGED.replace("{\"type\"", "{\"_veroCallsDone\":5,\"type\"");
    assertEquals(new MessageOutcome.Finished(false), delivery(vero).deliver(QueuedMessage.of(message("s-1", "u", 1, forged)), new DeliveryRun(QUIET, NO_DEADLINE)));
    assertEquals(List.of("POST /users/track", "PUT /users/tags/edit"), vero.calls());
  }

  @Test
  void unreadableOrUnmappableBodiesGoToTheDlqWithoutACall() {
    StubVero vero = StubVero.delivering();
    for (String body : new String[] {"not json", "[1]", "{\"type\":\"track\",\"event\":\"E\"}"}) {
      assertInstanceOf(MessageOutcome.Finished.class, delivery(vero).deliver(QueuedMessage.of(message("s-" + body.length(), "g", 1, body)), new DeliveryRun(QUIET, NO_DEADLINE)));
    }
    assertEquals(List.of(), vero.calls());
    assertEquals(List.of("queued body is not valid JSON", "queued body is not a JSON object",
        "message has no userId: Vero identifies people by userId"),
        sqs.sent().stream().map(r -> r.messageAttributes().get("reason").stringValue()).toList());
  }

  @Test
  void whenTheDlqIsDownTheMessageIsRetriedNotLost() {
    StubSqsClient down = new StubSqsClient().onSend(r -> {
      throw software.amazon.awssdk.core.exception.SdkClientException.create("down");
    });
    StubVero vero = StubVero.delivering();
    MessageDelivery delivery = new MessageDelivery(vero, health(vero), progress, new DeadLetterQueue(down, "dlq.fifo"), MappingRules.SEGMENT,
        NOBODY,
        LIMITS, VeroCallLines.ALL, CLOCK);
    MessageOutcome outcome = delivery.deliver(QueuedMessage.of(message("s-1", "g", 1, "not json")), new DeliveryRun(QUIET, NO_DEADLINE));
    assertEquals(new MessageOutcome.TryAgain("could not park in the DLQ (dead-letter queue unavailable: SdkClientException): "
        + "queued body is not valid JSON", Optional.empty()), outcome);
  }

  @Test
  void aMessageGoesToTheDlqAfterItsOwnFailedAttemptsNotAfterReceivesSpentWaiting() throws Exception {
    // issue #11, defect 10: one held behind nine failures got its first try at receive 10 and SQS moved it, without a reason
    StubVero busy = new StubVero(r -> r == VeroProbe.REQUEST ? new VeroOutcome.Delivered(200)
        : new VeroOutcome.Retryable("Vero answered 503: busy", Optional.empty()));
    String track = "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\"}";
    assertInstanceOf(MessageOutcome.TryAgain.class, delivery(busy).deliver(QueuedMessage.of(fifo("s-9", "u", "m-9", 9, track)), new DeliveryRun(QUIET, NO_DEADLINE)),
        "its ninth receive is its first attempt");
    assertInstanceOf(MessageOutcome.TryAgain.class, delivery(busy).deliver(QueuedMessage.of(fifo("s-9", "u", "m-9", 10, track)), new DeliveryRun(QUIET, NO_DEADLINE)));
    assertEquals(List.of(), sqs.sent());
    assertEquals(new MessageOutcome.Finished(true), delivery(busy).deliver(QueuedMessage.of(fifo("s-9", "u", "m-9", 11, track)), new DeliveryRun(QUIET, NO_DEADLINE)));
    assertEquals("gave up after 3 attempts: Vero answered 503: busy (POST /events/track)",
        sqs.sent().get(0).messageAttributes().get("reason").stringValue());
    assertEquals(0, progress.callsDone("u/m-9"), "its record is cleared with it");
  }

  @Test
  void aHundredPoisonMessagesCostTheirAttemptsAndOneProbeAndTheirDeadLettersTellTheTruth() {
    // issue #29, finding 3: failures excused each other ("others failed lately"), about four times the attempts allowed
    StubVero poisoned = new StubVero(r -> r == VeroProbe.REQUEST ? new VeroOutcome.Permanent(400, "Vero answered 400: identity missing")
        : new VeroOutcome.Retryable(500, "Vero answered 500: cannot take this", Optional.empty()));
    VeroHealth container = health(poisoned);
    MessageDelivery delivery = new MessageDelivery(poisoned, container, progress, new DeadLetterQueue(sqs, "dlq.fifo"),
        MappingRules.SEGMENT, NOBODY, LIMITS, VeroCallLines.ALL, CLOCK);
    for (int receive = 1; receive <= LIMITS.maxAttempts(); receive++) {
      for (int m = 0; m < 100; m++) {
        delivery.deliver(QueuedMessage.of(fifo("s-" + m, "u-" + m, "m-" + m, receive, "{\"type\":\"track\",\"userId\":\"u-" + m + "\",\"event\":\"E\"}")),
            new DeliveryRun(QUIET, NO_DEADLINE));
      }
    }
    assertEquals(301, poisoned.calls().size(), "three calls a message, and one probe (Vero answered it: the failures are theirs)");
    assertEquals(100, sqs.sent().size());
    assertTrue(sqs.sent().stream().allMatch(dead -> dead.messageAttributes().get("reason").stringValue()
        .equals("gave up after 3 attempts: Vero answered 500: cannot take this (POST /events/track)")));
  }

  @Test
  void aSuppressedUsersMessagesAreSkippedBeforeAnyCallButTheirDeletionRequestGoes() {
    StubVero vero = StubVero.delivering();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    JsonLog log = new JsonLog("deliver", new PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
    MessageDelivery delivery = new MessageDelivery(vero, health(vero), progress, new DeadLetterQueue(sqs, "dlq.fifo"), MappingRules.SEGMENT,
        new SuppressionCheck(new StubSuppressedUsers().suppress("u"), CLOCK), LIMITS, VeroCallLines.ALL, CLOCK);
    assertEquals(new MessageOutcome.Skipped("suppressed"), delivery.deliver(QueuedMessage.of(message("s-1", "u", 1, TAGGED)), new DeliveryRun(log, NO_DEADLINE)));
    assertEquals(List.of(), vero.calls());
    assertTrue(out.toString(java.nio.charset.StandardCharsets.UTF_8).contains(
        "\"message\":\"delivery skipped\",\"messageId\":\"s-1\",\"segmentMessageId\":\"m-1\",\"reason\":\"suppressed\""), out.toString());
    assertEquals(new MessageOutcome.Finished(false),
        delivery.deliver(QueuedMessage.of(message("s-2", "u", 1, "{\"type\":\"delete\",\"userId\":\"u\"}")), new DeliveryRun(log, NO_DEADLINE)));
    assertEquals(List.of("POST /users/delete"), vero.calls());
    assertEquals(new MessageOutcome.Finished(false),
        delivery.deliver(QueuedMessage.of(message("s-3", "v", 1, "{\"type\":\"track\",\"userId\":\"v\",\"event\":\"E\"}")), new DeliveryRun(log, NO_DEADLINE)));
  }

  static final MappingRules PRODUCTS = MappingRules.parse("{\"products\":{\"events\":[\"Order Completed\"],\"as\":\"Ordered Product\"}}");

  private static String order(int products) {
    StringBuilder order = new StringBuilder("{\"type\":\"track\",\"userId\":\"u\",\"messageId\":\"m-1\",\"event\":\"Order Completed\","
        + "\"properties\":{\"order_id\":\"o-1\",\"products\":[");
    for (int i = 0; i < products; i++) {
      order.append(i == 0 ? "" : ",").append("{\"sku\":\"").append((char) ('A' + i % 26)).append(i / 26 == 0 ? "" : i / 26).append("\"}");
    }
    return order.append("]}}").toString();
  }

  @Test
  void anOrderRetriedAfterItsSecondProductFailedSendsNoProductTwice() throws Exception {
    java.util.concurrent.atomic.AtomicBoolean failedOnce = new java.util.concurrent.atomic.AtomicBoolean();
    StubVero vero = new StubVero(r -> r.body().path("data").path("sku").asText().equals("B") && failedOnce.compareAndSet(false, true)
        ? new VeroOutcome.Retryable("Vero answered 503: busy", Optional.empty()) : new VeroOutcome.Delivered(200));
    MessageDelivery delivery = new MessageDelivery(vero, health(vero), progress, new DeadLetterQueue(sqs, "dlq.fifo"), PRODUCTS, NOBODY,
        LIMITS, VeroCallLines.ALL, CLOCK);
    String order = order(3);
    assertEquals(new MessageOutcome.TryAgain("Vero answered 503: busy", Optional.empty()),
        delivery.deliver(QueuedMessage.of(message("s-1", "u", 1, order)), new DeliveryRun(QUIET, NO_DEADLINE)));
    assertEquals(new MessageOutcome.Finished(false), delivery.deliver(QueuedMessage.of(message("s-1", "u", 2, order)), new DeliveryRun(QUIET, NO_DEADLINE)));
    String product = "POST /events/track {\"identity\":{\"id\":\"u\"},\"event_name\":\"Ordered Product\",\"data\":{\"sku\":\"%s\","
        + "\"order_id\":\"o-1\"},\"extras\":{\"source\":\"segment\"}}";
    assertEquals(List.of(
        "POST /events/track {\"identity\":{\"id\":\"u\"},\"event_name\":\"Order Completed\",\"data\":{\"order_id\":\"o-1\","
            + "\"products\":[{\"sku\":\"A\"},{\"sku\":\"B\"},{\"sku\":\"C\"}]},\"extras\":{\"source\":\"segment\"}}",
        product.formatted("A"), product.formatted("B"), product.formatted("B"), product.formatted("C")), vero.requests(),
        "the order and product A, which Vero took, are not sent again");
    assertEquals(0, progress.callsDone("s-1"), "the finished message's progress is gone");
  }

  @Test
  void anOrderOf200ProductsStopsBetweenCallsWhenTimeRunsOutAndTheNextInvocationResumes() {
    java.util.concurrent.atomic.AtomicLong remaining = new java.util.concurrent.atomic.AtomicLong(10 * LIMITS.callMillis());
    StubVero vero = new StubVero(r -> {
      remaining.addAndGet(-LIMITS.callMillis());
      return new VeroOutcome.Delivered(200);
    });
    MessageDelivery delivery = new MessageDelivery(vero, health(vero), progress, new DeadLetterQueue(sqs, "dlq.fifo"), PRODUCTS, NOBODY,
        LIMITS, VeroCallLines.ALL, CLOCK);
    String order = order(200);
    assertEquals(new MessageOutcome.OutOfTime(), delivery.deliver(QueuedMessage.of(message("s-1", "u", 1, order)), new DeliveryRun(QUIET, remaining::get)));
    assertEquals(10, vero.calls().size(), "as many calls as the invocation had time for");
    assertEquals(new MessageOutcome.Finished(false), delivery.deliver(QueuedMessage.of(message("s-1", "u", 2, order)), new DeliveryRun(QUIET, NO_DEADLINE)));
    List<String> sent = vero.requests();
    assertEquals(201, sent.size(), "the order and each product once");
    assertEquals(201, sent.stream().distinct().count());
  }

  @Test
  void noCallStartsThatCouldNotFinishInTheInvocationsTimeLeft() {
    StubVero vero = StubVero.delivering();
    assertEquals(new MessageOutcome.OutOfTime(), delivery(vero).deliver(QueuedMessage.of(message("s-1", "u", 1, TAGGED)), new DeliveryRun(QUIET, () -> 11_999)),
        "two calls need 12 s");
    assertEquals(List.of(), vero.calls());
    assertEquals(new MessageOutcome.Finished(false), delivery(vero).deliver(QueuedMessage.of(message("s-1", "u", 1, TAGGED)), new DeliveryRun(QUIET, () -> 12_000)));
  }

  @Test
  void eachVeroCallIsALogLineWithItsOutcomeStatusTimeAndAttemptAndNoBody() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    JsonLog log = new JsonLog("deliver", new PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
    StubVero vero = new StubVero(r -> r.path().equals("/users/tags/edit")
        ? new VeroOutcome.Retryable("Vero answered 503: busy", Optional.empty()) : new VeroOutcome.Delivered(200));
    delivery(vero).deliver(QueuedMessage.of(message("s-1", "u", 2, TAGGED)), new DeliveryRun(log, NO_DEADLINE));
    List<String> calls = out.toString(java.nio.charset.StandardCharsets.UTF_8).lines().filter(l -> l.contains("\"vero call\"")).toList();
    assertEquals(2, calls.size(), calls.toString());
    assertTrue(calls.stream().allMatch(l -> l.contains("\"messageId\":\"s-1\",\"segmentMessageId\":\"m-1\"")),
        "the SQS id and Segment's own: " + calls);
    assertTrue(calls.get(0).contains("\"call\":\"POST /users/track\"") && calls.get(0).contains("\"outcome\":\"delivered\"")
        && calls.get(0).contains("\"status\":200") && calls.get(0).contains("\"attempt\":2") && calls.get(0).contains("\"millis\":"), calls.get(0));
    assertTrue(calls.get(1).contains("\"call\":\"PUT /users/tags/edit\"") && calls.get(1).contains("\"outcome\":\"retryable\"")
        && calls.get(1).contains("\"reason\":\"Vero answered 503: busy\""), calls.get(1));
    assertTrue(calls.stream().noneMatch(l -> l.contains("vip")), "no body in the log");
  }

  /** A container whose last call failed as {@code failure}: the next such failure asks the probe. */
  private MessageDelivery afterAFailure(StubVero vero, VeroOutcome failure) {
    VeroHealth health = health(vero);
    health.afterFailure((VeroOutcome.Failed) failure, QUIET);
    return new MessageDelivery(vero, health, progress, new DeadLetterQueue(sqs, "dlq.fifo"), MappingRules.SEGMENT, NOBODY, LIMITS, VeroCallLines.ALL, CLOCK);
  }

  @Test
  void whenVeroFailsEveryCallTheMessageIsHeldBackWithoutSpendingAnAttemptAndKeepsItsProgress() throws Exception {
    StubVero down = new StubVero(r -> r.path().equals("/users/track") ? new VeroOutcome.Delivered(200)
        : new VeroOutcome.Retryable(503, "Vero answered 503: unavailable", Optional.empty()));
    MessageDelivery delivery = delivery(down);
    List<String> outcomes = new java.util.ArrayList<>();
    for (int receive = 1; receive <= 6; receive++) {
      outcomes.add(delivery.deliver(QueuedMessage.of(fifo("s-1", "u", "m-1", receive, TAGGED)), new DeliveryRun(QUIET, NO_DEADLINE)).getClass().getSimpleName());
    }
    assertEquals(List.of("TryAgain", "HeldBack", "HeldBack", "HeldBack", "HeldBack", "HeldBack"), outcomes,
        "the first failure after an answered call is the message's own; the next failure asks the probe, which fails too: "
            + "an outage");
    assertEquals(1, progress.attempts("u/m-1"), "one attempt spent, on the failure that followed a call that got through");
    assertEquals(1, progress.callsDone("u/m-1"), "the identify made before the outage is not made again");
    assertEquals(List.of(), sqs.sent(), "nothing dead-lettered");
    assertEquals(List.of("POST /users/track", "PUT /users/tags/edit", "PUT /users/tags/edit", "POST /events/track"), down.calls(),
        "no call while the outage lasts; the probe is an event that names nobody");
  }

  @Test
  void aMessageHeldBackThatIsAboutToOutliveTheQueueIsDeadLetteredWithTheOutagesReason() {
    VeroOutcome timeout = new VeroOutcome.Retryable("timed out after 10000 ms", Optional.empty());
    StubVero down = new StubVero(r -> timeout);
    SQSMessage old = fifo("s-1", "u", "m-1", 400, "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\"}");
    Map<String, String> attributes = new java.util.HashMap<>(old.getAttributes());
    attributes.put("SentTimestamp", Long.toString(CLOCK.instant().minus(Duration.ofDays(13)).toEpochMilli()));
    old.setAttributes(attributes);
    assertEquals(new MessageOutcome.Finished(true), afterAFailure(down, timeout).deliver(QueuedMessage.of(old), new DeliveryRun(QUIET, NO_DEADLINE)));
    assertEquals("about to outlive the queue's retention after Vero was unreachable since 2026-11-28T12:00:00Z: timed out after 10000 ms",
        sqs.sent().get(0).messageAttributes().get("reason").stringValue());
  }

  @Test
  void aRejectedCredentialHoldsEveryMessageBackInsteadOfDeadLetteringIt() {
    VeroOutcome revokedAnswer = new VeroOutcome.Permanent(401, "Vero answered 401: unknown tracking_api_key ***");
    StubVero revoked = new StubVero(r -> revokedAnswer);
    MessageOutcome outcome = afterAFailure(revoked, revokedAnswer).deliver(QueuedMessage.of(message("s-1", "u", 1, TAGGED)), new DeliveryRun(QUIET, NO_DEADLINE));
    assertEquals(Outage.Cause.CREDENTIAL_REJECTED, assertInstanceOf(MessageOutcome.HeldBack.class, outcome).outage().cause());
    assertEquals(List.of(), sqs.sent());
  }
}
