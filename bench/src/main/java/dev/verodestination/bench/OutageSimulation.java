package dev.verodestination.bench;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.verodestination.config.Settings;
import dev.verodestination.deliver.DeliverConfig;
import dev.verodestination.deliver.DeliverHandler;
import dev.verodestination.deliver.DeliverWiring;
import dev.verodestination.deliver.DeliveryListener;
import dev.verodestination.deliver.outage.VeroProbe;
import dev.verodestination.deliver.vero.VeroOutcome;
import dev.verodestination.deliver.vero.VeroSender;
import dev.verodestination.local.InMemoryCallProgress;
import dev.verodestination.local.RunnerSuppressedUsers;
import dev.verodestination.log.JsonLog;
import dev.verodestination.testing.MovingClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/**
 * A Vero outage of hours or days in simulated time, as deliver meets it on AWS: the real deliver
 * handlers (one per concurrent container, with the defaults of template.yaml) take batches from a
 * model of the FIFO queue (per-user order, visibility timeouts, receive counts, the redrive backstop
 * at 1,000 receives, SentTimestamp), and a Vero that answers 503 until the outage ends. Prints what
 * docs/reliability.md reports: dead letters, users out of order, Vero calls and invocations during the
 * outage, the most receives of one message, and how long after Vero's return delivery resumed.
 *
 * <p>Usage: {@code OutageSimulation HOURS [USERS] [EVENTS_PER_USER] [CONTAINERS]}
 */
public final class OutageSimulation {

  private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
  private static final int QUEUE_VISIBILITY_SECONDS = 180;
  private static final int BACKSTOP_RECEIVES = DeliverConfig.REDRIVE_RECEIVE_COUNT;

  private static final class Message {
    final String id;
    final String user;
    final int seq;
    final String body;
    int receives;
    Instant visibleAt = START;

    Message(String id, String user, int seq) {
      this.id = id;
      this.user = user;
      this.seq = seq;
      this.body = "{\"type\":\"track\",\"userId\":\"" + user + "\",\"event\":\"e" + seq + "\",\"messageId\":\"" + id + "\"}";
    }
  }

  /** The queue's two calls deliver makes: a message's visibility, and a dead letter. */
  private static final class SimulatedQueue implements SqsClient {
    final Map<String, Message> byReceipt = new HashMap<>();
    final List<String> deadLetters = new ArrayList<>();
    final MovingClock clock;

    SimulatedQueue(MovingClock clock) {
      this.clock = clock;
    }

    @Override
    public ChangeMessageVisibilityResponse changeMessageVisibility(ChangeMessageVisibilityRequest request) {
      byReceipt.get(request.receiptHandle()).visibleAt = clock.instant().plusSeconds(request.visibilityTimeout());
      return ChangeMessageVisibilityResponse.builder().build();
    }

    @Override
    public SendMessageResponse sendMessage(SendMessageRequest request) {
      deadLetters.add(request.messageAttributes().get("reason").stringValue());
      return SendMessageResponse.builder().messageId("dlq-" + deadLetters.size()).build();
    }

    @Override
    public String serviceName() {
      return "sqs";
    }

    @Override
    public void close() {
    }
  }

  private OutageSimulation() {}

  public static void main(String[] args) {
    double hours = Double.parseDouble(args[0]);
    int users = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    int events = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int containers = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    MovingClock clock = new MovingClock(START);
    Instant back = START.plusMillis((long) (hours * 3_600_000));
    SimulatedQueue queue = new SimulatedQueue(clock);
    List<String> veroCalls = new ArrayList<>();
    int[] callsDuringOutage = {0};
    VeroSender vero = (request, log) -> {
      if (clock.instant().isBefore(back)) {
        callsDuringOutage[0]++;
        return new VeroOutcome.Retryable(503, "Vero answered 503: unavailable", Optional.empty());
      }
      if (request != VeroProbe.REQUEST) {
        veroCalls.add(request.body().path("identity").path("id").asText() + " " + request.body().path("event_name").asText()
            + " " + clock.instant());
      }
      return new VeroOutcome.Delivered(200);
    };
    DeliverConfig config = DeliverConfig.from(new Settings(Map.of("VERO_AUTH_TOKEN", "simulated")), "events.fifo", "dlq.fifo");
    JsonLog quiet = new JsonLog("deliver", new PrintStream(new ByteArrayOutputStream()));
    InMemoryCallProgress progress = new InMemoryCallProgress();
    List<DeliverHandler> handlers = new ArrayList<>();
    for (int i = 0; i < containers; i++) {
      handlers.add(new DeliverHandler(DeliverWiring.wire(config, queue, progress, RunnerSuppressedUsers.inMemory(clock), vero, clock, quiet,
          DeliveryListener.NONE)));
    }

    Map<String, List<Message>> groups = new LinkedHashMap<>();
    for (int e = 0; e < events; e++) {
      for (int u = 0; u < users; u++) {
        String user = "u" + u;
        groups.computeIfAbsent(user, k -> new ArrayList<>()).add(new Message(user + "-" + e, user, e));
      }
    }
    int invocations = 0;
    int invocationsDuringOutage = 0;
    int maxReceives = 0;
    int backstopped = 0;
    while (groups.values().stream().anyMatch(g -> !g.isEmpty())) {
      List<Message> batch = new ArrayList<>();
      for (List<Message> group : groups.values()) {
        // FIFO: a group gives its messages in order, and nothing while its head is invisible
        for (Message m : group) {
          if (batch.size() == 10 || m.visibleAt.isAfter(clock.instant())) {
            break;
          }
          batch.add(m);
        }
        if (batch.size() == 10) {
          break;
        }
      }
      if (batch.isEmpty()) {
        clock.set(groups.values().stream().filter(g -> !g.isEmpty()).map(g -> g.get(0).visibleAt).min(Instant::compareTo).orElseThrow());
        continue;
      }
      SQSEvent event = new SQSEvent();
      List<SQSEvent.SQSMessage> records = new ArrayList<>();
      for (Message m : batch) {
        m.receives++;
        maxReceives = Math.max(maxReceives, m.receives);
        m.visibleAt = clock.instant().plusSeconds(QUEUE_VISIBILITY_SECONDS);
        String receipt = m.id + "#" + m.receives;
        queue.byReceipt.put(receipt, m);
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(m.id);
        record.setReceiptHandle(receipt);
        record.setBody(m.body);
        record.setAttributes(Map.of("MessageGroupId", m.user, "MessageDeduplicationId", m.id,
            "ApproximateReceiveCount", Integer.toString(m.receives), "SentTimestamp", Long.toString(START.toEpochMilli())));
        records.add(record);
      }
      event.setRecords(records);
      SQSBatchResponse response = handlers.get(invocations % containers).handleRequest(event, null);
      invocations++;
      if (clock.instant().isBefore(back)) {
        invocationsDuringOutage++;
      }
      Set<String> failed = response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
          .collect(Collectors.toSet());
      for (Message m : batch) {
        if (!failed.contains(m.id)) {
          groups.get(m.user).remove(m);
        } else if (m.receives >= BACKSTOP_RECEIVES) {
          groups.get(m.user).remove(m);
          backstopped++;
        }
      }
      // each invocation takes a little time: the clock moves on while the queue is busy
      clock.advance(Duration.ofMillis(50));
    }

    Map<String, List<Integer>> order = new LinkedHashMap<>();
    Instant firstAfter = null;
    for (String call : veroCalls) {
      String[] parts = call.split(" ");
      order.computeIfAbsent(parts[0], u -> new ArrayList<>()).add(Integer.parseInt(parts[1].substring(1)));
      Instant at = Instant.parse(parts[2]);
      firstAfter = firstAfter == null || at.isBefore(firstAfter) ? at : firstAfter;
    }
    long outOfOrder = order.values().stream().filter(seqs -> {
      for (int i = 1; i < seqs.size(); i++) {
        if (seqs.get(i) < seqs.get(i - 1)) {
          return true;
        }
      }
      return false;
    }).count();
    System.out.printf(Locale.ROOT, "outage %.1f h, %d users x %d events, %d containers: delivered %d, dead letters %d (backstop %d), "
            + "users out of order %d, Vero calls during the outage %d (%.1f an hour), invocations during it %d (%.1f an hour), "
            + "most receives of one message %d (backstop %d), first delivery %s after Vero answered, all delivered %s after%n",
        hours, users, events, containers, veroCalls.size(), queue.deadLetters.size(), backstopped, outOfOrder,
        callsDuringOutage[0], callsDuringOutage[0] / hours, invocationsDuringOutage, invocationsDuringOutage / hours, maxReceives,
        BACKSTOP_RECEIVES, firstAfter == null ? "never" : Duration.between(back, firstAfter),
        Duration.between(back, clock.instant()));
    queue.deadLetters.stream().distinct().limit(3).forEach(reason -> System.out.println("  dead letter: " + reason));
  }
}
