package dev.verodestination.deliver;

import dev.verodestination.config.Settings;
import dev.verodestination.retry.RetryPolicy;
import dev.verodestination.segment.AnonymousUsers;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * What the deliver function needs. No Vero token means dry run, and no progress table means progress
 * in memory; only the local runner allows either: {@link #forLambda} requires both.
 */
public record DeliverConfig(
    String queueUrl,
    String dlqUrl,
    URI veroApiUrl,
    Optional<String> veroAuthToken,
    int retryBaseSeconds,
    int retryMaxSeconds,
    Duration veroTimeout,
    Optional<String> progressTable,
    AnonymousUsers anonymousUsers,
    int maxAttempts) {

  public static final String DEFAULT_VERO_API_URL = "https://api.getvero.com/api/v2";
  public static final int DEFAULT_MAX_ATTEMPTS = 10;
  /** The queue's redrive, its backstop, is ten times this, and SQS allows at most 1,000. */
  public static final int MAX_ATTEMPTS = 100;

  public static DeliverConfig forLambda(Settings settings) {
    settings.required("VERO_AUTH_TOKEN");
    settings.required("PROGRESS_TABLE");
    return from(settings);
  }

  public static DeliverConfig from(Settings settings) {
    return from(settings, settings.required("QUEUE_URL"), settings.required("DLQ_URL"));
  }

  /** For the local runner, whose queues it creates itself. */
  public static DeliverConfig from(Settings settings, String queueUrl, String dlqUrl) {
    return new DeliverConfig(
        queueUrl,
        dlqUrl,
        settings.uri("VERO_API_URL", DEFAULT_VERO_API_URL),
        settings.optional("VERO_AUTH_TOKEN"),
        settings.integer("RETRY_BASE_SECONDS", 10, 0, 43_200),
        settings.integer("RETRY_MAX_SECONDS", 900, 0, 43_200),
        Duration.ofSeconds(settings.integer("VERO_TIMEOUT_SECONDS", 10, 1, 120)),
        settings.optional("PROGRESS_TABLE"),
        AnonymousUsers.from(settings),
        settings.integer("MAX_RECEIVE_COUNT", DEFAULT_MAX_ATTEMPTS, 1, MAX_ATTEMPTS));
  }

  /** How long a failed message waits before its next receive: RETRY_BASE_SECONDS doubling up to RETRY_MAX_SECONDS. */
  public RetryPolicy retries() {
    return new RetryPolicy(Duration.ofSeconds(retryBaseSeconds), Duration.ofSeconds(retryMaxSeconds), maxAttempts);
  }

  @Override
  public String toString() {
    return "DeliverConfig[queueUrl=" + queueUrl + ", dlqUrl=" + dlqUrl + ", veroApiUrl=" + veroApiUrl
        + ", veroAuthToken=" + (veroAuthToken.isPresent() ? "set" : "unset (dry run)") + ", retryBaseSeconds="
        + retryBaseSeconds + ", retryMaxSeconds=" + retryMaxSeconds + ", veroTimeout=" + veroTimeout
        + ", progressTable=" + progressTable.orElse("unset (in memory)") + ", anonymousUsers=" + anonymousUsers + ", maxAttempts=" + maxAttempts + "]";
  }
}
