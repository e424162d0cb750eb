package dev.verodestination.local.replay;

import dev.verodestination.http.BasicAuth;
import dev.verodestination.ingest.IngestRequest;
import dev.verodestination.ingest.IngestResult;
import dev.verodestination.ingest.IngestRoute;
import dev.verodestination.ingest.IngestWiring;
import dev.verodestination.queue.QueueUnavailableException;
import java.util.List;
import java.util.Optional;

/**
 * Ingest's own planner, run here: each batch is validated and enriched exactly as the ingest
 * function would, then put on the queue with ingest's publisher, or, in a dry run, only counted.
 */
final class PlannerSink implements ReplaySink {

  static final int TRIES = 5;

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
    IngestResult result = ingest.planner().plan(new IngestRequest(IngestRoute.BATCH, ReplaySink.batchBody(messages),
        "application/json", authorization, null));
    if (!(result instanceof IngestResult.Plan plan)) {
      String why = result instanceof IngestResult.Refused refused ? refused.error() : result.toString();
      throw new ReplayStoppedException("the batch was refused: " + why);
    }
    if (queueUrl.isPresent()) {
      publish(plan);
    }
    return new Verdict(plan.accepted().size(), plan.skipped(), plan.rejected());
  }

  private void publish(IngestResult.Plan plan) throws ReplayStoppedException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        ingest.publisher().publish(plan.accepted());
        return;
      } catch (QueueUnavailableException e) {
        if (attempt == TRIES) {
          throw new ReplayStoppedException("the queue did not take a batch after " + TRIES + " tries: " + e.getMessage());
        }
        Thread.sleep(1000L << attempt);
      }
    }
  }
}
