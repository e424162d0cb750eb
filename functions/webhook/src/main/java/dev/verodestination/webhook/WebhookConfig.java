package dev.verodestination.webhook;

import dev.verodestination.config.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * What the webhook function needs. Without a Segment write key the Lambda function parks each
 * webhook ({@link SegmentSourceUnset}) and the local runner prints each call (its own dry run).
 */
public record WebhookConfig(
    String veroWebhookToken,
    URI segmentApiUrl,
    Optional<String> segmentWriteKey,
    String webhookDlqUrl,
    Duration segmentBudget,
    ProfileWebhooks profileWebhooks) {

  public static final String DEFAULT_SEGMENT_API_URL = "https://api.segment.io/v1";

  public static WebhookConfig forLambda(Settings settings) {
    return from(settings, settings.required("VERO_WEBHOOK_TOKEN"), settings.required("WEBHOOK_DLQ_URL"));
  }

  public static WebhookConfig from(Settings settings, String veroWebhookToken, String webhookDlqUrl) {
    return new WebhookConfig(
        veroWebhookToken,
        settings.uri("SEGMENT_API_URL", DEFAULT_SEGMENT_API_URL),
        settings.optional("SEGMENT_WRITE_KEY"),
        webhookDlqUrl,
        Duration.ofSeconds(settings.integer("SEGMENT_RETRY_BUDGET_SECONDS", 15, 1, 600)),
        ProfileWebhooks.from(settings));
  }

  @Override
  public String toString() {
    return "WebhookConfig[veroWebhookToken=set, segmentApiUrl=" + segmentApiUrl + ", segmentWriteKey="
        + (segmentWriteKey.isPresent() ? "set" : "unset") + ", webhookDlqUrl=" + webhookDlqUrl
        + ", segmentBudget=" + segmentBudget + ", profileWebhooks=" + profileWebhooks + "]";
  }
}
