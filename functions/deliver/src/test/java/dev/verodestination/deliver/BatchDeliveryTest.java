package dev.verodestination.deliver;

import static dev.verodestination.deliver.MessageDeliveryTest.CLOCK;
import static dev.verodestination.deliver.MessageDeliveryTest.QUIET;
import static dev.verodestination.deliver.MessageDeliveryTest.message;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.verodestination.deliver.vero.VeroOutcome;
import dev.verodestination.segment.AnonymousUsers;
import dev.verodestination.queue.DeadLetterQueue;
import dev.verodestination.testing.StubSqsClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;

/** A batch's delivery with a stub Vero and a stub SQS: order per group, backoff, the batch's own report. */
class BatchDeliveryTest {

  private final StubSqsClient sqs = new StubSqsClient();
  private final DeliveryCounters counters = new DeliveryCounters();

  private BatchDelivery delivery(StubVero vero) {
    MessageDelivery messages = new MessageDelivery(vero, new InMemoryCallProgress(), new DeadLetterQueue(sqs, "dlq.fifo"), AnonymousUsers.SKIP, CLOCK);
    return new BatchDelivery(messages, sqs, "events.fifo", new Backoff(10, 900), () -> 0.5, Executors.newFixedThreadPool(4),
        counters);
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
    BatchReport report = delivery(vero).deliver(batch, QUIET);
    assertEquals(new BatchReport(4, 2, 0, List.of("2", "4")), report);
    assertEquals(List.of("receipt-2:36", "receipt-4:36"), sqs.visibilityChanges().stream()
        .map(ChangeMessageVisibilityRequest.class::cast).map(r -> r.receiptHandle() + ":" + r.visibilityTimeout()).toList(),
        "10 s doubled twice for the third receive, less 10% jitter; the held-back message waits as long");
    assertEquals(0, vero.calls().stream().filter(c -> c.contains("a3")).count());
  }

  @Test
  void theReportCountsOnlyItsOwnBatchWhileTheCountersKeepTheContainersTotals() {
    StubVero vero = new StubVero(r -> r.body().path("event_name").asText().equals("bad")
        ? new VeroOutcome.Permanent(400, "Vero answered 400: no") : new VeroOutcome.Delivered(200));
    BatchDelivery delivery = delivery(vero);
    assertEquals(new BatchReport(2, 1, 1, List.of()),
        delivery.deliver(List.of(message("1", "a", 1, track("a", "ok")), message("2", "b", 1, track("b", "bad"))), QUIET));
    assertEquals(new BatchReport(1, 1, 0, List.of()), delivery.deliver(List.of(message("3", "a", 1, track("a", "ok"))), QUIET));
    assertEquals(3, counters.received());
    assertEquals(2, counters.delivered());
    assertEquals(1, counters.deadLettered());
  }

  @Test
  void retryAfterLongerThanTheBackoffWins() {
    StubVero vero = new StubVero(r -> new VeroOutcome.Retryable("Vero answered 429: slow", Optional.of(Duration.ofSeconds(120))));
    delivery(vero).deliver(List.of(message("1", "a", 1, track("a", "x"))), QUIET);
    assertEquals(120, sqs.visibilityChanges().get(0).visibilityTimeout());
  }
}
