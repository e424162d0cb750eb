package dev.verodestination.local.store;

import static dev.verodestination.local.store.StoredMessageTest.message;
import static dev.verodestination.testing.Eventually.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verodestination.log.JsonLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.actor.queue.OperationSuccessful$;
import org.elasticmq.actor.queue.QueueEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QueueStoreActorTest {

  /** Records what it is given, and refuses while told to, as a full disk does. */
  static final class RefusingStore implements MessageStore {
    final List<String> written = new ArrayList<>();
    volatile boolean refusing;

    @Override
    public synchronized void put(String queue, StoredMessage message) throws IOException {
      check();
      written.add("put " + queue + " " + message.id() + " " + message.receiveCount());
    }

    @Override
    public synchronized void remove(String queue, String messageId) throws IOException {
      check();
      written.add("remove " + queue + " " + messageId);
    }

    private void check() throws IOException {
      if (refusing) {
        throw new IOException("No space left on device");
      }
    }

    @Override
    public String place() {
      return "/data/.vero-destination";
    }

    synchronized List<String> written() {
      return List.copyOf(written);
    }
  }

  private final ActorSystem system = ActorSystem.create("store-test");
  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
  private final RefusingStore store = new RefusingStore();
  private final StoreHealth health = new StoreHealth();
  private final ActorRef actor = system.actorOf(QueueStoreActor.props(store, health,
      new JsonLog("local", new PrintStream(logged, true, StandardCharsets.UTF_8))));

  @AfterEach
  void stop() {
    system.terminate();
  }

  private Object tell(Object event) throws Exception {
    return Patterns.ask(actor, event, Duration.ofSeconds(5)).toCompletableFuture().get();
  }

  private static QueueEvent.MessageAdded added(String id, int receives) {
    StoredMessage stored = message(id, "u1", "2026-12-06T10:00:00Z", 0, 1L);
    return new QueueEvent.MessageAdded("events.fifo", new StoredMessage(stored.id(), stored.body(), stored.attributes(),
        stored.created(), 0, 1L, receives, null, "u1", "u1/" + id, null, "1", null, List.of()).toInternal(true, 1L));
  }

  @Test
  void eachChangeIsWrittenBeforeElasticMqIsAnswered() throws Exception {
    assertSame(OperationSuccessful$.MODULE$, tell(added("a", 0)));
    assertSame(OperationSuccessful$.MODULE$, tell(new QueueEvent.MessageRemoved("events.fifo", "a")));
    assertEquals(List.of("put events.fifo a 0", "remove events.fifo a"), store.written());
    assertEquals(Optional.empty(), health.failure());
    assertEquals(0, health.failedWrites());
  }

  @Test
  void changesTheDiskRefusesWaitInOrderAndAreWrittenWhenItTakesThemAgain() throws Exception {
    store.refusing = true;
    tell(added("a", 0));
    tell(added("b", 0));
    tell(new QueueEvent.MessageUpdated("events.fifo", added("a", 1).message()));
    tell(new QueueEvent.MessageRemoved("events.fifo", "b"));
    assertEquals(List.of(), store.written());
    assertEquals(Optional.of("the queue store cannot write to /data/.vero-destination (IOException: No space left on device)"),
        health.failure());
    assertTrue(health.failedWrites() >= 4, "every change while the disk refuses counts: " + health.failedWrites());
    String log = logged.toString(StandardCharsets.UTF_8);
    assertEquals(1, log.lines().count(), "one error line, not one per change: " + log);
    assertTrue(log.contains("\"level\":\"ERROR\",\"component\":\"local\",\"message\":\"queue store cannot write\""), log);

    store.refusing = false;
    waitFor("the waiting changes written", Duration.ofSeconds(10), () -> health.failure().isEmpty());
    // only each message's latest change: a's update (its receive), b's removal
    assertEquals(List.of("put events.fifo a 1", "remove events.fifo b"), store.written());
    assertTrue(logged.toString(StandardCharsets.UTF_8).contains("\"message\":\"queue store writes again\""));
  }
}
