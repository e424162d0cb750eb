package dev.verodestination.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.verodestination.log.JsonLog;
import dev.verodestination.retry.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Does locally what Lambda's SQS event source mapping does: receives batches of up to ten, hands
 * them to the handler as an SQSEvent, and deletes what the handler did not report as failed. Failed
 * messages stay, invisible for as long as the handler set, and come back.
 */
final class EventSourcePoller implements AutoCloseable {

  static final int BATCH_SIZE = 10;
  /** template.yaml's DeliverFunction Timeout. */
  static final int DELIVER_TIMEOUT_SECONDS = 30;
  /** A queue that fails to answer is asked again from half a second on, at most every ten: it never stops polling. */
  static final RetryPolicy POLL_RETRIES = new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(10), Integer.MAX_VALUE);

  private final SqsClient sqs;
  private final String queueUrl;
  private final String queueArn;
  private final RequestHandler<SQSEvent, SQSBatchResponse> handler;
  private final JsonLog log;
  private final Predicate<String> deletedAlready;
  private final Thread thread;
  private volatile boolean running = true;

  EventSourcePoller(SqsClient sqs, String queueUrl, String queueArn, RequestHandler<SQSEvent, SQSBatchResponse> handler,
      JsonLog log) {
    this(sqs, queueUrl, queueArn, handler, log, messageId -> false);
  }

  /** {@code deletedAlready} names the messages the handler's side deleted as they settled, for the batch's delete to pass by. */
  EventSourcePoller(SqsClient sqs, String queueUrl, String queueArn, RequestHandler<SQSEvent, SQSBatchResponse> handler,
      JsonLog log, Predicate<String> deletedAlready) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.queueArn = queueArn;
    this.handler = handler;
    this.log = log;
    this.deletedAlready = deletedAlready;
    this.thread = new Thread(this::run, "event-source-poller");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void run() {
    int lastBatch = 0;
    int failures = 0;
    while (running) {
      try {
        lastBatch = pollOnce(lastBatch > 0 ? 0 : 1);
        failures = 0;
      } catch (SdkException e) {
        if (running) {
          failures++;
          log.warn("polling failed, trying again: " + e.getClass().getSimpleName());
          pause(POLL_RETRIES.delay(failures, Optional.empty()));
        }
      }
    }
  }

  /**
   * One receive, one invocation, one delete; returns how many messages the batch had. While
   * messages flow it polls without waiting: a FIFO long poll waits for new messages, not for a
   * busy group to free up, and would idle a poller that has work.
   */
  int pollOnce(int waitSeconds) {
    List<Message> received = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
            .maxNumberOfMessages(BATCH_SIZE)
            .waitTimeSeconds(waitSeconds)
            .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
            .messageAttributeNames("All"))
        .messages();
    if (received.isEmpty()) {
      return 0;
    }
    SQSEvent event = new SQSEvent();
    List<SQSEvent.SQSMessage> records = new ArrayList<>(received.size());
    for (Message message : received) {
      records.add(SqsEventRecord.from(message, queueArn));
    }
    event.setRecords(records);
    SQSBatchResponse response;
    try {
      response = handler.handleRequest(event, new LocalContext("deliver", DELIVER_TIMEOUT_SECONDS));
    } catch (RuntimeException e) {
      // as with a Lambda function error: nothing is deleted, the batch returns after its visibility timeout
      log.error("deliver invocation failed, its " + received.size() + " messages will return: " + e.getClass().getSimpleName());
      return received.size();
    }
    Set<String> failed = new HashSet<>();
    if (response != null && response.getBatchItemFailures() != null) {
      response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
    }
    List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
    for (Message message : received) {
      if (!failed.contains(message.messageId()) && !deletedAlready.test(message.messageId())) {
        done.add(DeleteMessageBatchRequestEntry.builder().id(message.messageId()).receiptHandle(message.receiptHandle()).build());
      }
    }
    if (!done.isEmpty()) {
      sqs.deleteMessageBatch(d -> d.queueUrl(queueUrl).entries(done));
    }
    return received.size();
  }

  private static void pause(Duration wait) {
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Asks the poller to stop after its current batch; {@link #close} then waits for it. */
  void stop() {
    running = false;
    thread.interrupt();
  }

  @Override
  public void close() {
    stop();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
