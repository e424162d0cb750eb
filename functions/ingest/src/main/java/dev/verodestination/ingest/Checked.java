package dev.verodestination.ingest;

import dev.verodestination.ingest.IngestResult.Refused;

/** One step of planning a request: its value, or the refusal that answers the request instead. */
sealed interface Checked<T> {

  record Ok<T>(T value) implements Checked<T> {}

  record Refusal<T>(Refused refused) implements Checked<T> {}

  static <T> Checked<T> refuse(int status, String error) {
    return new Refusal<>(new Refused(status, error));
  }
}
