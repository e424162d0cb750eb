package dev.verodestination.local.store;

import dev.verodestination.log.JsonLog;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pekko.actor.AbstractActorWithTimers;
import org.apache.pekko.actor.Props;
import org.elasticmq.actor.queue.OperationSuccessful$;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.actor.queue.QueueEventWithOperationStatus;

/**
 * ElasticMQ's queue event listener: writes each message change to the store before ElasticMQ
 * answers the request that made it. A change the disk refuses waits here, in order, and is written
 * again every two seconds until the disk takes it; meanwhile {@link StoreHealth} says so, and the
 * runner answers 503. ElasticMQ is always answered: an unanswered change would hang its request for
 * 21 s, and the message is in memory either way.
 */
public final class QueueStoreActor extends AbstractActorWithTimers {

  static final Duration RETRY_EVERY = Duration.ofSeconds(2);
  private static final Object RETRY = "retry";

  private sealed interface Change {
    void writeTo(MessageStore store) throws IOException;
  }

  private record Put(String queue, StoredMessage message) implements Change {
    public void writeTo(MessageStore store) throws IOException {
      store.put(queue, message);
    }
  }

  private record Remove(String queue, String messageId) implements Change {
    public void writeTo(MessageStore store) throws IOException {
      store.remove(queue, messageId);
    }
  }

  private final MessageStore store;
  private final StoreHealth health;
  private final JsonLog log;
  /** Changes the disk refused, by queue and message: only a message's latest change needs writing. */
  private final Map<String, Change> waiting = new LinkedHashMap<>();

  private QueueStoreActor(MessageStore store, StoreHealth health, JsonLog log) {
    this.store = store;
    this.health = health;
    this.log = log;
  }

  public static Props props(MessageStore store, StoreHealth health, JsonLog log) {
    return Props.create(QueueStoreActor.class, () -> new QueueStoreActor(store, health, log));
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .match(QueueEvent.MessageAdded.class, added -> record(new Put(added.queueName(), StoredMessage.of(added.message()))))
        .match(QueueEvent.MessageUpdated.class, updated -> record(new Put(updated.queueName(), StoredMessage.of(updated.message()))))
        .match(QueueEvent.MessageRemoved.class, removed -> record(new Remove(removed.queueName(), removed.messageId())))
        // queues are created by the runner at every start, so their own events need no record
        .match(QueueEventWithOperationStatus.class, other -> answer())
        .matchEquals(RETRY, retry -> writeWaiting())
        .matchAny(other -> { })
        .build();
  }

  private void record(Change change) {
    String key = switch (change) {
      case Put put -> put.queue() + "\n" + put.message().id();
      case Remove remove -> remove.queue() + "\n" + remove.messageId();
    };
    if (waiting.isEmpty()) {
      try {
        change.writeTo(store);
      } catch (IOException e) {
        waiting.put(key, change);
        refused(e);
      }
    } else {
      // behind the changes already waiting, so that the store keeps their order
      waiting.remove(key);
      waiting.put(key, change);
      health.failed(health.failure().orElse("the queue store cannot write"));
    }
    answer();
  }

  private void answer() {
    getSender().tell(OperationSuccessful$.MODULE$, getSelf());
  }

  private void refused(IOException e) {
    String reason = "the queue store cannot write to " + store.place() + " (" + e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
    boolean first = health.failure().isEmpty();
    health.failed(reason);
    if (first) {
      log.write(log.line("ERROR", "queue store cannot write").put("error", reason)
          .put("waiting", waiting.size()).put("retryEverySeconds", RETRY_EVERY.toSeconds()));
      getTimers().startTimerWithFixedDelay(RETRY, RETRY, RETRY_EVERY);
    }
  }

  private void writeWaiting() {
    for (Iterator<Change> changes = waiting.values().iterator(); changes.hasNext(); ) {
      try {
        changes.next().writeTo(store);
        changes.remove();
      } catch (IOException stillRefused) {
        return;
      }
    }
    getTimers().cancel(RETRY);
    // the line before the flag, so that whoever sees the store healthy can also find the line saying so
    log.info("queue store writes again");
    health.recovered();
  }
}
