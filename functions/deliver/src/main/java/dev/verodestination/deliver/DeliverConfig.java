package dev.verodestination.deliver;

import dev.verodestination.config.InvalidSettingException;
import dev.verodestination.config.Settings;
import dev.verodestination.deliver.vero.MappingRules;
import dev.verodestination.deliver.vero.VeroCredential;
import dev.verodestination.retry.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * What the deliver function needs. Vero's credential is a tracking API key ({@code
 * VERO_TRACKING_API_KEY}) or an older account's auth token ({@code VERO_AUTH_TOKEN}), never both.
 * {@link #forLambda} requires one and the progress table; the local runner runs without either (a
 * dry run, progress in memory, both its own).
 */
public record DeliverConfig(
    String queueUrl,
    String dlqUrl,
    URI veroApiUrl,
    Optional<VeroCredential> veroCredential,
    int retryBaseSeconds,
    int retryMaxSeconds,
    Duration veroTimeout,
    Optional<String> progressTable,
    MappingRules mapping,
    int maxAttempts,
    int outageProbeMaxSeconds,
    VeroCallLines callLines) {

  public static final String TRACKING_API_KEY = "VERO_TRACKING_API_KEY";
  public static final String AUTH_TOKEN = "VERO_AUTH_TOKEN";
  public static final String DEFAULT_VERO_API_URL = "https://api.getvero.com/api/v2";
  public static final int DEFAULT_MAX_ATTEMPTS = 10;
  /** A message's own failed attempts before it is dead-lettered, at most. */
  public static final int MAX_ATTEMPTS = 100;
  /**
   * The longest wait between probes of a Vero that is down, which is also how long a message is held
   * back: 30 minutes keeps a 14-day outage to about 680 receives of each message, under the queue's
   * redrive backstop of 1,000.
   */
  public static final int DEFAULT_OUTAGE_PROBE_MAX_SECONDS = 1800;
  /** The queue's own redrive, SQS's highest: a backstop for when deliver cannot count, not a limit on outages. */
  public static final int REDRIVE_RECEIVE_COUNT = 1000;

  public static DeliverConfig forLambda(Settings settings) {
    DeliverConfig config = from(settings);
    config.requiredVeroCredential();
    settings.required("PROGRESS_TABLE");
    return config;
  }

  public static DeliverConfig from(Settings settings) {
    return from(settings, settings.required("QUEUE_URL"), settings.required("DLQ_URL"));
  }

  /** With the queues given rather than read: the runner creates its own, priming points at its stand-in. */
  public static DeliverConfig from(Settings settings, String queueUrl, String dlqUrl) {
    return new DeliverConfig(
        queueUrl,
        dlqUrl,
        settings.uri("VERO_API_URL", DEFAULT_VERO_API_URL),
        veroCredential(settings),
        settings.integer("RETRY_BASE_SECONDS", 10, 0, 43_200),
        settings.integer("RETRY_MAX_SECONDS", 900, 0, 43_200),
        Duration.ofSeconds(settings.integer("VERO_TIMEOUT_SECONDS", 10, 1, 120)),
        settings.optional("PROGRESS_TABLE"),
        MappingRules.from(settings),
        settings.integer("MAX_RECEIVE_COUNT", DEFAULT_MAX_ATTEMPTS, 1, MAX_ATTEMPTS),
        settings.integer("OUTAGE_PROBE_MAX_SECONDS", DEFAULT_OUTAGE_PROBE_MAX_SECONDS, 1, 43_200),
        VeroCallLines.from(settings));
  }

  /** One of the two, named in the error when both are set: which would win is not for the function to guess. */
  public static Optional<VeroCredential> veroCredential(Settings settings) {
    Optional<String> key = settings.optional(TRACKING_API_KEY);
    Optional<String> token = settings.optional(AUTH_TOKEN);
    if (key.isPresent() && token.isPresent()) {
      throw new InvalidSettingException("set " + TRACKING_API_KEY + " or " + AUTH_TOKEN + ", not both: every Vero call carries one "
          + "credential (to move from the token to the key, see docs/operations.md)");
    }
    return key.map(VeroCredential::trackingApiKey).or(() -> token.map(VeroCredential::authToken));
  }

  /** The credential every Vero call carries; its absence named as a start-up error. */
  public VeroCredential requiredVeroCredential() {
    return veroCredential.orElseThrow(() -> new InvalidSettingException("missing required setting " + TRACKING_API_KEY + " (or "
        + AUTH_TOKEN + ", an older Vero account's credential): the deliver function sends every call with it"));
  }

  /** How long a failed message waits before its next receive: RETRY_BASE_SECONDS doubling up to RETRY_MAX_SECONDS. */
  public RetryPolicy retries() {
    return new RetryPolicy(Duration.ofSeconds(retryBaseSeconds), Duration.ofSeconds(retryMaxSeconds), maxAttempts);
  }

  /** Between probes of a Vero that is down: RETRY_BASE_SECONDS doubling up to OUTAGE_PROBE_MAX_SECONDS. */
  public RetryPolicy probeIntervals() {
    return new RetryPolicy(Duration.ofSeconds(Math.max(1, retryBaseSeconds)), Duration.ofSeconds(outageProbeMaxSeconds), Integer.MAX_VALUE);
  }

  @Override
  public String toString() {
    return "DeliverConfig[queueUrl=" + queueUrl + ", dlqUrl=" + dlqUrl + ", veroApiUrl=" + veroApiUrl
        + ", veroCredential=" + veroCredential.map(VeroCredential::field).orElse("unset (dry run)") + ", retryBaseSeconds="
        + retryBaseSeconds + ", retryMaxSeconds=" + retryMaxSeconds + ", veroTimeout=" + veroTimeout
        + ", progressTable=" + progressTable.orElse("unset (in memory)") + ", anonymousUsers=" + (mapping.identity().anonymousAsId() ? "TRACK" : "SKIP") + ", mapping=" + mapping.summary() + ", maxAttempts=" + maxAttempts
        + ", outageProbeMaxSeconds=" + outageProbeMaxSeconds + ", callLines=" + callLines + "]";
  }
}
