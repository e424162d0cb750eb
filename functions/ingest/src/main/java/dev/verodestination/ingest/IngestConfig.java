package dev.verodestination.ingest;

import dev.verodestination.config.Settings;
import java.util.List;
import java.util.Optional;

/** What the ingest function needs: who may send, and where the queue is. */
public record IngestConfig(List<String> writeKeys, Optional<String> webhookSharedSecret, String queueUrl) {

  public static IngestConfig from(Settings settings) {
    return new IngestConfig(
        settings.requiredList("WRITE_KEYS"),
        settings.optional("WEBHOOK_SHARED_SECRET"),
        settings.required("QUEUE_URL"));
  }

  /** Keeps write keys and the secret out of anything that prints a record. */
  @Override
  public String toString() {
    return "IngestConfig[writeKeys=" + writeKeys.size() + " configured, webhookSharedSecret="
        + (webhookSharedSecret.isPresent() ? "set" : "unset") + ", queueUrl=" + queueUrl + "]";
  }
}
