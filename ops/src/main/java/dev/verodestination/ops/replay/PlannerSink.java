package dev.verodestination.ops.replay;

import dev.verodestination.http.BasicAuth;
import dev.verodestination.ingest.IngestRequest;
import dev.verodestination.ingest.IngestResult;
import dev.verodestination.ingest.IngestRoute;
import dev.verodestination.ingest.IngestWiring;
import dev.verodestination.queue.QueueUnavailableException;
import dev.verodestination.retry.RetryPolicy;
import dev.verodestination.retry.RetryPolicy.Step;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Ingest's own planner, run here: each batch is validated and enriched exactly as the ingest
 * function would, then put on the queue with ingest's publisher, or, in a dry run, only counted.
 */
final class PlannerSink implements ReplaySink {

  /** The queue is retried from a second up; the batch is not answered before it is on the queue. */
  static final RetryPolicy QUEUE_RETRIES = new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(16), 5);

  private final IngestWiring.Parts ingest;
  private final String authorization;
  private final Optional<String> queueUrl;

  /** {@code queueUrl} empty: a dry run, nothing is sent. */
  PlannerSink(IngestWiring.Parts ingest, String writeKey, Optional<String> queueUrl) {
    this.ingest = ingest;
    this.authorization = BasicAuth.header(writeKey);
    this.queueUrl = queueUrl;
  }

  @Override
  public String describe() {
    return queueUrl.map(url -> "the queue " + url).orElse("nowhere (dry run: validated only)");
  }

  @Override
  public Verdict send(List<String> messages) throws ReplayStoppedException, InterruptedException {
    IngestResult result = ingest.planner().planPost(new IngestRequest(IngestRoute.BATCH, ReplaySink.batchBody(messages),
        "application/json", authorization, null));
    IngestResult.Plan plan = switch (result) {
      case IngestResult.Plan planned -> planned;
      case IngestResult.Refused refused -> throw new ReplayStoppedException("the batch was refused: " + refused.error());
      default -> throw new ReplayStoppedException("the batch was refused: " + result);
    };
    if (queueUrl.isPresent()) {
      publish(plan);
    }
    return new Verdict(plan.accepted().size(),
        plan.skipped().stream().map(s -> new Noted(s.index(), s.reason().text())).toList(),
        plan.rejected().stream().map(r -> new Noted(r.index(), r.error())).toList());
  }

  private void publish(IngestResult.Plan plan) throws ReplayStoppedException, InterruptedException {
    Step<Void> last = QUEUE_RETRIES.run((attempt, remaining) -> {
      try {
        ingest.publisher().publish(plan.accepted());
        return new Step.Done<>(null);
      } catch (QueueUnavailableException e) {
        return new Step.Again<>(e.getMessage());
      }
    });
    if (last instanceof Step.Again<Void> again) {
      throw new ReplayStoppedException("the queue did not take a batch after " + QUEUE_RETRIES.maxAttempts() + " tries: "
          + again.reason());
    }
  }
}
