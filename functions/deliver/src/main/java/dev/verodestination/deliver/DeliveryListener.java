package dev.verodestination.deliver;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;

/**
 * Hears what becomes of messages and batches. The Lambda function has no listener: the event source
 * mapping deletes a batch's settled messages when the invocation ends. The local runner counts
 * batches, and deletes each message the moment it is settled, so that a kill repeats only the calls
 * under way rather than every message of the batch.
 */
public interface DeliveryListener {

  DeliveryListener NONE = new DeliveryListener() { };

  /** Delivered or dead-lettered: nothing will send this message again. */
  default void settled(SQSMessage message) { }

  default void batchDone(BatchReport report) { }
}
