package dev.verodestination.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.verodestination.testing.ElasticMq;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The runner's queues are created with template.yaml's attributes (those ElasticMQ keeps and reports). */
class QueueSetupIT {

  @RegisterExtension
  static final ElasticMq SQS = new ElasticMq();

  @Test
  void theEventQueueHasTheTemplatesAttributes() {
    QueueSetup.Queues queues = QueueSetup.create(SQS.sqs(), "attributes", 100);
    Map<QueueAttributeName, String> attributes = SQS.sqs().getQueueAttributes(r -> r.queueUrl(queues.queueUrl())
        .attributeNames(QueueAttributeName.ALL)).attributes();
    assertEquals("true", attributes.get(QueueAttributeName.FIFO_QUEUE));
    assertEquals("false", attributes.get(QueueAttributeName.CONTENT_BASED_DEDUPLICATION));
    assertEquals("180", attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT));
    assertEquals(true, attributes.get(QueueAttributeName.REDRIVE_POLICY).contains("\"maxReceiveCount\":\"100\"")
        || attributes.get(QueueAttributeName.REDRIVE_POLICY).contains("\"maxReceiveCount\":100"), attributes.toString());
  }
}
