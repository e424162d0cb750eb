package dev.verodestination.local.store;

import dev.verodestination.log.JsonLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.actor.queue.InternalMessage;
import org.elasticmq.msg.LookupQueue;
import org.elasticmq.msg.RestoreMessages;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Puts the stored messages back into ElasticMQ's queues after a start, each FIFO group in the
 * order it was sent (ElasticMQ's own store restored them ordered by when they were next visible).
 */
public final class QueueRestore {

  private static final Duration ASK = Duration.ofSeconds(30);

  private QueueRestore() {}

  /** Restores every queue the runner created; returns how many messages went back. */
  public static int restore(Map<String, List<StoredMessage>> stored, ActorRef queueManager, JsonLog log) {
    int restored = 0;
    long now = System.currentTimeMillis();
    for (Map.Entry<String, List<StoredMessage>> queue : stored.entrySet()) {
      if (queue.getValue().isEmpty()) {
        continue;
      }
      Option<?> queueActor = (Option<?>) ask(queueManager, new LookupQueue(queue.getKey()));
      if (queueActor.isEmpty()) {
        // kept in the store, untouched, for a runner that has this queue again
        log.write(log.line("WARN", "stored messages of a queue this runner does not have").put("queue", queue.getKey())
            .put("messages", queue.getValue().size()));
        continue;
      }
      boolean fifo = queue.getKey().endsWith(".fifo");
      List<InternalMessage> messages = new ArrayList<>(queue.getValue().size());
      for (StoredMessage message : queue.getValue()) {
        messages.add(message.toInternal(fifo, now));
      }
      ask((ActorRef) queueActor.get(), new RestoreMessages(CollectionConverters.asScala(messages).toList()));
      restored += messages.size();
    }
    return restored;
  }

  private static Object ask(ActorRef actor, Object message) {
    try {
      return Patterns.ask(actor, message, ASK).toCompletableFuture().get(ASK.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the embedded queues did not take back their stored messages: " + e.getClass().getSimpleName(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while restoring the stored messages", e);
    }
  }
}
