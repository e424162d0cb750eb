package dev.verodestination.ingest;

import dev.verodestination.config.InvalidSettingException;
import dev.verodestination.config.Settings;
import dev.verodestination.ingest.rules.DestinationRules;
import dev.verodestination.segment.AnonymousUsers;
import java.util.List;
import java.util.Optional;

/**
 * What the ingest function needs: who may send, where the queue is, which browser origins may call it
 * ({@code CORS_ALLOWED_ORIGINS}, default {@code *}), and the public address the SDK settings point
 * libraries at when it is not the request's own host ({@code PUBLIC_API_HOST}, behind a custom domain),
 * and what of each message Vero gets ({@code DESTINATION_RULES}).
 */
public record IngestConfig(
    List<String> writeKeys,
    Optional<String> segmentWebhookSecret,
    String queueUrl,
    List<String> corsAllowedOrigins,
    Optional<PublicApiHost> publicApiHost,
    AnonymousUsers anonymousUsers,
    DestinationRules rules) {

  /** Any origin, each request's own host as the public address, known users only. */
  public IngestConfig(List<String> writeKeys, Optional<String> segmentWebhookSecret, String queueUrl) {
    this(writeKeys, segmentWebhookSecret, queueUrl, List.of("*"), Optional.empty(), AnonymousUsers.SKIP, DestinationRules.NONE);
  }

  public static IngestConfig from(Settings settings) {
    return from(settings, settings.requiredList("WRITE_KEYS"), settings.required("QUEUE_URL"));
  }

  /** With the write keys and queue given rather than read: the runner may make up its key and creates its queue. */
  public static IngestConfig from(Settings settings, List<String> writeKeys, String queueUrl) {
    List<String> origins = settings.list("CORS_ALLOWED_ORIGINS");
    Optional<PublicApiHost> publicHost;
    try {
      publicHost = settings.optional("PUBLIC_API_HOST").map(PublicApiHost::parse);
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException("setting PUBLIC_API_HOST must be a host name, optionally with a scheme and path "
          + "(events.example.com or https://events.example.com/segment)");
    }
    return new IngestConfig(writeKeys, settings.optional("SEGMENT_WEBHOOK_SECRET"), queueUrl,
        origins.isEmpty() ? List.of("*") : origins, publicHost, AnonymousUsers.from(settings),
        DestinationRules.from(settings));
  }

  /** Keeps write keys and the secret out of anything that prints a record. */
  @Override
  public String toString() {
    return "IngestConfig[writeKeys=" + writeKeys.size() + " configured, segmentWebhookSecret="
        + (segmentWebhookSecret.isPresent() ? "set" : "unset") + ", queueUrl=" + queueUrl
        + ", corsAllowedOrigins=" + corsAllowedOrigins + ", anonymousUsers=" + anonymousUsers + ", publicApiHost=" + publicApiHost.map(PublicApiHost::toString).orElse("the request's host")
        + ", rules=" + rules.summary() + "]";
  }
}
