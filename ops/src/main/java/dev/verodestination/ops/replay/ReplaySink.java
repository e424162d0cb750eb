package dev.verodestination.ops.replay;

import java.util.List;

/**
 * Where a replay's batches go: the ingest API (with a write key), a queue (through ingest's own
 * planner and publisher), or nowhere in a dry run (the planner only). Each answers with what the
 * validation made of each message of the batch.
 */
sealed interface ReplaySink permits IngestApiSink, PlannerSink {

  /** The messages of one batch, each a JSON object as its archive line has it. */
  Verdict send(List<String> messages) throws ReplayStoppedException, InterruptedException;

  String describe();

  /** What became of a batch's messages; each skipped or rejected one by its position in the batch and why. */
  record Verdict(int accepted, List<Noted> skipped, List<Noted> rejected) {}

  /** A message ingest did not queue, with the reason it gave the caller. */
  record Noted(int index, String reason) {}

  /** The target refused in a way a retry does not help (a bad write key, say): the replay stops, resumable. */
  final class ReplayStoppedException extends Exception {
    ReplayStoppedException(String message) {
      super(message);
    }
  }

  static byte[] batchBody(List<String> messages) {
    StringBuilder body = new StringBuilder(messages.stream().mapToInt(String::length).sum() + 16 + messages.size());
    body.append("{\"batch\":[");
    for (int i = 0; i < messages.size(); i++) {
      if (i > 0) {
        body.append(',');
      }
      body.append(messages.get(i));
    }
    return body.append("]}").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
