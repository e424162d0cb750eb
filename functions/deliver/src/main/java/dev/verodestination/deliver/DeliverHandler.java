package dev.verodestination.deliver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.verodestination.log.JsonLog;
import dev.verodestination.priming.PrimingHook;
import java.util.List;

/**
 * SQS FIFO batch → Vero calls: batch delivery maps each message (the decision) and makes its calls,
 * and what must be retried goes back as batch item failures.
 */
public final class DeliverHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

  private final BatchDelivery delivery;
  private final DeliveryListener listener;
  private final JsonLog log;

  /** Held so that the SnapStart priming hook lives as long as the handler. */
  private PrimingHook priming;

  /** The Lambda runtime's constructor: settings from the environment, clients built once per container. */
  public DeliverHandler() {
    this(DeliverWiring.forLambda());
    this.priming = PrimingHook.register(DeliverPriming::beforeSnapshot);
  }

  public DeliverHandler(DeliverWiring.Parts parts) {
    this.delivery = parts.delivery();
    this.listener = parts.listener();
    this.log = parts.log();
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    JsonLog log = this.log.forInvocation(context);
    List<QueuedMessage> messages = event.getRecords() == null ? List.of()
        : event.getRecords().stream().map(QueuedMessage::of).toList();
    DeliveryRun run = new DeliveryRun(log, context == null ? () -> Long.MAX_VALUE : context::getRemainingTimeInMillis);
    BatchReport report = delivery.deliver(messages, run);
    ObjectNode line = log.line("INFO", "batch done")
        .put("received", report.received())
        // how many users' messages ran side by side: the batch's parallelism, which bounds delivery
        .put("users", messages.stream().map(QueuedMessage::group).distinct().count())
        .put("delivered", report.delivered())
        .put("deadLettered", report.deadLettered())
        .put("retrying", report.retry().size())
        .put("heldBack", report.heldBack())
        .put("skipped", report.skipped())
        .put("vero", report.outage().map(o -> o.cause().metricName).orElse("ok"));
    // each delivered message's Segment messageId, which Logs Insights finds with `filter @message like`
    if (!run.deliveredIds().isEmpty()) {
      run.deliveredIds().forEach(line.putArray("deliveredIds")::add);
    }
    DeliverMetrics.outages(line, report);
    run.calls().writeOnto(line, log);
    log.write(line);
    listener.batchDone(report);
    return SQSBatchResponse.builder()
        .withBatchItemFailures(report.retry().stream().map(id -> SQSBatchResponse.BatchItemFailure.builder()
            .withItemIdentifier(id).build()).toList())
        .build();
  }
}
