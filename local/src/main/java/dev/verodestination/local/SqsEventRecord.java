package dev.verodestination.local;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.Message;

/** What Lambda's SQS event source makes of a received message; the runner's pollers and the cost harness use it. */
public final class SqsEventRecord {

  private SqsEventRecord() {}

  /** A received message as Lambda's SQS event source hands it to a function. */
  public static SQSEvent.SQSMessage from(Message message, String queueArn) {
    SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
    record.setMessageId(message.messageId());
    record.setReceiptHandle(message.receiptHandle());
    record.setBody(message.body());
    record.setMd5OfBody(message.md5OfBody());
    Map<String, String> attributes = new HashMap<>();
    message.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
    record.setAttributes(attributes);
    // as Lambda hands them over: a redriven message's count of Vero calls already made is one of them
    Map<String, SQSEvent.MessageAttribute> messageAttributes = new HashMap<>();
    message.messageAttributes().forEach((name, value) -> {
      SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
      attribute.setDataType(value.dataType());
      attribute.setStringValue(value.stringValue());
      messageAttributes.put(name, attribute);
    });
    record.setMessageAttributes(messageAttributes);
    record.setEventSource("aws:sqs");
    record.setEventSourceArn(queueArn);
    return record;
  }
}
