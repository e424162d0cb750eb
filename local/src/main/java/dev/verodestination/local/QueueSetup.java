package dev.verodestination.local;

import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates the queues that template.yaml declares, for the local runner and tests: the FIFO event
 * queue redriving to a FIFO DLQ after {@code maxReceiveCount} receives, and the webhook DLQ.
 */
public final class QueueSetup {

  public static final int EVENT_QUEUE_VISIBILITY_SECONDS = 180;
  public static final int FOURTEEN_DAYS_SECONDS = 14 * 24 * 3600;

  public record Queues(String queueUrl, String dlqUrl, String webhookDlqUrl) {}

  private QueueSetup() {}

  public static Queues create(SqsClient sqs, String prefix, int maxReceiveCount) {
    return create(sqs, prefix, maxReceiveCount, EVENT_QUEUE_VISIBILITY_SECONDS);
  }

  public static Queues create(SqsClient sqs, String prefix, int maxReceiveCount, int visibilitySeconds) {
    String dlqUrl = sqs.createQueue(r -> r.queueName(prefix + "-dlq.fifo").attributes(Map.of(
        QueueAttributeName.FIFO_QUEUE, "true",
        QueueAttributeName.MESSAGE_RETENTION_PERIOD, Integer.toString(FOURTEEN_DAYS_SECONDS)))).queueUrl();
    String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
    String redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}";
    String queueUrl = sqs.createQueue(r -> r.queueName(prefix + "-events.fifo").attributes(Map.of(
        QueueAttributeName.FIFO_QUEUE, "true",
        QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false",
        // as template.yaml: dedup per user, so that two users' equal messageIds are two messages
        QueueAttributeName.DEDUPLICATION_SCOPE, "messageGroup",
        QueueAttributeName.FIFO_THROUGHPUT_LIMIT, "perMessageGroupId",
        QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilitySeconds),
        QueueAttributeName.MESSAGE_RETENTION_PERIOD, Integer.toString(FOURTEEN_DAYS_SECONDS),
        QueueAttributeName.REDRIVE_POLICY, redrive))).queueUrl();
    String webhookDlqUrl = sqs.createQueue(r -> r.queueName(prefix + "-webhook-dlq").attributes(Map.of(
        QueueAttributeName.MESSAGE_RETENTION_PERIOD, Integer.toString(FOURTEEN_DAYS_SECONDS)))).queueUrl();
    return new Queues(queueUrl, dlqUrl, webhookDlqUrl);
  }
}
