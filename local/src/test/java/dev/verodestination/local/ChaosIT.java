package dev.verodestination.local;

import static dev.verodestination.testing.Eventually.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verodestination.json.Json;
import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.FakeHttpServer.Recorded;
import dev.verodestination.testing.FakeHttpServer.Reply;
import dev.verodestination.testing.QueueReader;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The whole pipeline under a misbehaving Vero: identify, track, group, alias and tags calls for many
 * users, against 20% 5xx, 10% 429 with Retry-After, 5% stalls past the client timeout, before the headers or
 * in the middle of the body (half of them
 * after the call took effect) and a 400 for the poison messages. Every event is delivered or dead-
 * lettered, each user's calls arrive in order, and the only duplicates are calls Vero processed but
 * answered too late.
 */
class ChaosIT {

  /** Every body carries ck-{user}-{seq}: in traits, properties, the alias's previousId or the tag value. */
  private static final Pattern MARK = Pattern.compile("ck-(\\d+)-(\\d+)");
  private static final int POISON = 20;

  private record CallKey(int user, int seq, boolean tags) {}

  @Test
  void nothingIsLostNothingIsReorderedAndOnlyLateAnswersRepeat() throws Exception {
    int users = Soak.size(15, 50);
    int events = Soak.size(300, 2000);
    SplittableRandom random = new SplittableRandom(20261128);
    Set<CallKey> stalledAfterProcessing = ConcurrentHashMap.newKeySet();
    Map<String, Integer> faults = new ConcurrentHashMap<>();

    try (FakeHttpServer vero = new FakeHttpServer(request -> {
          // deliver's probes meet the same faults as every call; only the messages' calls carry a mark
          CallKey key = VeroFakes.isProbe(request) ? null : keyOf(request);
          if (request.body().contains("\"poison\":true")) {
            faults.merge("400", 1, Integer::sum);
            return Reply.status(400);
          }
          double roll;
          synchronized (random) {
            roll = random.nextDouble();
          }
          if (roll < 0.20) {
            faults.merge("5xx", 1, Integer::sum);
            return Reply.status(roll < 0.07 ? 500 : roll < 0.14 ? 502 : 503);
          }
          if (roll < 0.30) {
            faults.merge("429", 1, Integer::sum);
            return Reply.status(429).withHeader("Retry-After", "1");
          }
          if (roll < 0.35) {
            boolean processed = roll < 0.325;
            // half stall before the headers, half after them, in the middle of the body
            boolean inBody = (roll >= 0.3125 && roll < 0.325) || roll >= 0.3375;
            faults.merge((inBody ? "body-stall" : "stall") + (processed ? "-processed" : ""), 1, Integer::sum);
            if (processed && key != null) {
              stalledAfterProcessing.add(key);
            }
            return (inBody ? Reply.ok().stallingBodyFor(1500) : Reply.ok().delayedBy(1500)).processed(processed);
          }
          return Reply.ok();
        });
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), Map.of(
             "RETRY_BASE_SECONDS", "1", "RETRY_MAX_SECONDS", "2", "VERO_TIMEOUT_SECONDS", "1",
             "MAX_RECEIVE_COUNT", "40", "DELIVER_CONCURRENCY", "8"))) {

      Set<CallKey> expected = new HashSet<>();
      Set<Integer> poisonSeqs = new HashSet<>();
      List<String> messages = new ArrayList<>();
      for (int seq = 0; seq < events; seq++) {
        int user = seq % users;
        boolean poison = seq % (events / POISON) == 7 && poisonSeqs.size() < POISON;
        String mark = "ck-" + user + "-" + seq;
        String tags = ",\"integrations\":{\"Vero\":{\"tags\":{\"action\":\"add\",\"values\":[\"" + mark + "\"]}}}";
        String message;
        if (poison) {
          poisonSeqs.add(seq);
          message = "{\"type\":\"track\",\"userId\":\"user-" + user + "\",\"event\":\"Poison\",\"properties\":{\"ck\":\"" + mark + "\",\"poison\":true}}";
        } else {
          switch (seq / users % 5) {
            case 0 -> message = "{\"type\":\"identify\",\"userId\":\"user-" + user + "\",\"traits\":{\"ck\":\"" + mark + "\"}}";
            case 1 -> message = "{\"type\":\"track\",\"userId\":\"user-" + user + "\",\"event\":\"Chaos\",\"properties\":{\"ck\":\"" + mark + "\"}}";
            case 2 -> message = "{\"type\":\"group\",\"userId\":\"user-" + user + "\",\"groupId\":\"g\",\"traits\":{\"ck\":\"" + mark + "\"}}";
            case 3 -> message = "{\"type\":\"alias\",\"userId\":\"user-" + user + "\",\"previousId\":\"" + mark + "\"}";
            default -> message = "{\"type\":\"track\",\"userId\":\"user-" + user + "\",\"event\":\"Tagged\",\"properties\":{\"ck\":\""
                + mark + "\"}" + tags + "}";
          }
          expected.add(new CallKey(user, seq, false));
          if (message.contains("\"tags\"")) {
            expected.add(new CallKey(user, seq, true));
          }
        }
        messages.add(message);
      }
      for (int from = 0; from < messages.size(); from += 100) {
        String batch = "{\"batch\":[" + String.join(",", messages.subList(from, Math.min(from + 100, messages.size()))) + "]}";
        assertEquals(200, pipeline.post("/v1/batch", batch).statusCode());
      }

      waitFor("every call delivered and every poison message dead-lettered", Duration.ofSeconds(Soak.size(240, 900)),
          () -> processedKeys(vero).containsAll(expected) && pipeline.runner.counters().deadLettered() >= POISON,
          () -> "delivered " + processedKeys(vero).size() + "/" + expected.size() + ", dead-lettered "
              + pipeline.runner.counters().deadLettered() + "; deliver's lines by message: " + pipeline.log().lines()
                  .filter(l -> l.contains("\"component\":\"deliver\""))
                  .map(l -> Json.treeOrMissing(l).path("message").asText() + (l.contains("\"cause\":\"") ? " "
                      + Json.treeOrMissing(l).path("cause").asText() : ""))
                  .collect(java.util.stream.Collectors.groupingBy(m -> m, java.util.TreeMap::new, java.util.stream.Collectors.counting()))
              + "; the last lines:\n" + String.join("\n", pipeline.log().lines().filter(l -> !l.contains("\"vero call\""))
                  .skip(Math.max(0, pipeline.log().lines().filter(l -> !l.contains("\"vero call\"")).count() - 15)).toList()));

      List<Message> dead = QueueReader.drain(pipeline.runner.sqs(), pipeline.runner.dlqUrl());
      Set<Integer> deadSeqs = new HashSet<>();
      for (Message m : dead) {
        Matcher matcher = MARK.matcher(m.body());
        assertTrue(matcher.find());
        deadSeqs.add(Integer.parseInt(matcher.group(2)));
        assertTrue(m.messageAttributes().get("reason").stringValue().startsWith("Vero answered 400"));
      }
      assertEquals(poisonSeqs, deadSeqs, "exactly the poison messages are in the DLQ, each with its reason");

      List<Recorded> processed = VeroFakes.messageCalls(vero.processed());
      Set<CallKey> delivered = processedKeys(vero);
      int lost = 0;
      for (CallKey key : expected) {
        if (!delivered.contains(key)) {
          lost++;
        }
      }
      int outOfOrder = outOfOrder(processed);
      Map<CallKey, Integer> counts = new HashMap<>();
      processed.stream().filter(r -> !r.body().contains("\"poison\":true")).forEach(r -> counts.merge(keyOf(r), 1, Integer::sum));
      int duplicates = 0;
      for (Map.Entry<CallKey, Integer> entry : counts.entrySet()) {
        if (entry.getValue() > 1) {
          duplicates += entry.getValue() - 1;
          assertTrue(stalledAfterProcessing.contains(entry.getKey()),
              "a duplicate only where Vero processed a call and answered too late: " + entry.getKey());
        }
      }
      System.out.println("chaos: sent=" + events + " delivered=" + (events - POISON) + " dead-lettered=" + dead.size()
          + " lost=" + lost + " out-of-order=" + outOfOrder + " duplicates=" + duplicates + " users=" + users
          + " vero-calls=" + vero.received().size() + " faults=" + new java.util.TreeMap<>(faults));
      assertEquals(0, lost);
      assertEquals(0, outOfOrder);
      assertFalse(pipeline.log().contains(Pipeline.VERO_TOKEN), "the Vero token is in no log line");
      assertFalse(pipeline.log().contains(Pipeline.WRITE_KEY), "the write key is in no log line");
      dead.forEach(m -> m.messageAttributes().values().forEach(v -> assertFalse(String.valueOf(v.stringValue()).contains(Pipeline.VERO_TOKEN))));
    }
  }

  private static CallKey keyOf(Recorded request) {
    Matcher matcher = MARK.matcher(request.body());
    if (!matcher.find()) {
      throw new AssertionError("unmarked call " + request.body());
    }
    return new CallKey(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)), request.path().endsWith("/users/tags/edit"));
  }

  private static Set<CallKey> processedKeys(FakeHttpServer vero) {
    Set<CallKey> keys = new HashSet<>();
    VeroFakes.messageCalls(vero.processed()).stream().filter(r -> !r.body().contains("\"poison\":true")).forEach(r -> keys.add(keyOf(r)));
    return keys;
  }

  /** Per user, with repeats of one call collapsed: each call must come after the one before it. */
  private static int outOfOrder(List<Recorded> processed) {
    Map<Integer, CallKey> last = new HashMap<>();
    int inversions = 0;
    for (Recorded request : processed) {
      CallKey key = keyOf(request);
      CallKey previous = last.get(key.user());
      if (previous != null && !previous.equals(key)) {
        boolean after = key.seq() > previous.seq() || (key.seq() == previous.seq() && key.tags() && !previous.tags());
        if (!after) {
          inversions++;
        }
      }
      last.put(key.user(), key);
    }
    return inversions;
  }
}
