package dev.verodestination.local;

import dev.verodestination.local.sqs.GuardedElasticMq;
import dev.verodestination.local.sqs.RunnerCredential;
import dev.verodestination.local.sqs.SqsGuard;
import dev.verodestination.local.store.QueueDatabase;
import dev.verodestination.local.store.QueueStoreActor;
import dev.verodestination.local.store.StoreHealth;
import dev.verodestination.log.JsonLog;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.util.NowProvider;
import scala.Option;

/**
 * ElasticMQ in the runner's process: its queue manager, the queue database listening to every message change
 * when DATA_DIR keeps them, and its routes on the runner's one socket behind the guard, which takes
 * only the credential made up here.
 */
final class EmbeddedSqs implements AutoCloseable {

  private final ActorSystem system;
  final ActorRef queueManager;
  final URI endpoint;
  final RunnerCredential credential;

  private EmbeddedSqs(ActorSystem system, ActorRef queueManager, URI endpoint, RunnerCredential credential) {
    this.system = system;
    this.queueManager = queueManager;
    this.endpoint = endpoint;
    this.credential = credential;
  }

  static EmbeddedSqs start(Optional<QueueDatabase> store, StoreHealth health, JsonLog log) {
    ActorSystem system = ActorSystem.create("elasticmq");
    Option<ActorRef> listener = store.isEmpty() ? Option.empty()
        : Option.apply(system.actorOf(QueueStoreActor.props(store.get(), health, log), "queue-store"));
    ActorRef queueManager = system.actorOf(Props.create(QueueManagerActor.class,
        () -> new QueueManagerActor(new NowProvider(), StrictSQSLimits$.MODULE$, listener)), "queue-manager");
    RunnerCredential credential = RunnerCredential.madeUp();
    SqsGuard guard = new SqsGuard(credential, Clock.systemUTC());
    int port = GuardedElasticMq.start(system, queueManager, call -> {
      Optional<String> refusal = guard.apply(call);
      // the query and body stay out: a page's request may carry anything
      refusal.ifPresent(reason -> log.write(log.line("WARN", "sqs request refused").put("method", call.method())
          .put("path", call.path()).put("reason", reason)));
      return refusal;
    });
    return new EmbeddedSqs(system, queueManager, URI.create("http://127.0.0.1:" + port), credential);
  }

  /**
   * Ends the server at once: a graceful stop waits up to a minute for HTTP connections that the SQS
   * client keeps alive, and the queue database holds every change already.
   */
  @Override
  public void close() {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // the process is ending anyway
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
