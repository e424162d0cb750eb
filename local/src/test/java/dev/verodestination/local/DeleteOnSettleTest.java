package dev.verodestination.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.verodestination.deliver.BatchReport;
import dev.verodestination.log.JsonLog;
import dev.verodestination.testing.StubSqsClient;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeleteOnSettleTest {

  private final StubSqsClient sqs = new StubSqsClient();
  private final List<BatchReport> reports = new ArrayList<>();
  private final DeleteOnSettle listener = new DeleteOnSettle(sqs, "events.fifo", reports::add,
      new JsonLog("local", new PrintStream(OutputStream.nullOutputStream())));

  @Test
  void aSettledMessageIsDeletedAtOnceAndTheBatchDeletePassesItByOnce() {
    SQSMessage message = new SQSMessage();
    message.setMessageId("m-1");
    message.setReceiptHandle("receipt-1");
    listener.settled(message);
    assertEquals(List.of("events.fifo receipt-1"), sqs.deletes().stream().map(d -> d.queueUrl() + " " + d.receiptHandle()).toList());
    assertTrue(listener.deletedAlready("m-1"));
    assertFalse(listener.deletedAlready("m-1"), "asked once: the id is forgotten");
    assertFalse(listener.deletedAlready("m-2"));
  }

  @Test
  void batchReportsGoOnToTheCounters() {
    BatchReport report = new BatchReport(2, 2, 0, 0, 0, 0, Optional.empty(), List.of());
    listener.batchDone(report);
    assertEquals(List.of(report), reports);
  }
}
