package dev.verodestination.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.http.HttpAnswer;
import dev.verodestination.http.HttpEvents;
import dev.verodestination.ingest.IngestResult.Ignored;
import dev.verodestination.ingest.IngestResult.Plan;
import dev.verodestination.ingest.IngestResult.Preflight;
import dev.verodestination.ingest.IngestResult.Refused;
import dev.verodestination.ingest.IngestResult.SdkSettings;
import dev.verodestination.log.JsonLog;
import dev.verodestination.priming.PrimingHook;
import dev.verodestination.queue.QueueUnavailableException;
import java.util.Optional;

/**
 * Segment's ingest routes: the planner decides, the publisher puts what it accepted on the FIFO
 * queue, and the answer, with the CORS headers a browser source needs, says what became of each
 * message.
 */
public final class IngestHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private final IngestPlanner planner;
  private final FifoPublisher publisher;
  private final Cors cors;
  private final JsonLog log;

  /** Held so that the SnapStart priming hook lives as long as the handler. */
  private PrimingHook priming;

  /** The Lambda runtime's constructor: settings from the environment, clients built once per container. */
  public IngestHandler() {
    this(IngestWiring.forLambda());
    this.priming = PrimingHook.register(IngestPriming::beforeSnapshot);
  }

  public IngestHandler(IngestWiring.Parts parts) {
    this.planner = parts.planner();
    this.publisher = parts.publisher();
    this.cors = parts.cors();
    this.log = parts.log();
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    JsonLog log = this.log.forInvocation(context);
    long started = System.nanoTime();
    IngestResult result = planner.plan(event);
    HttpAnswer answer = switch (result) {
      case Plan plan -> enqueue(plan, log);
      case Refused refused -> HttpAnswer.error(refused.status(), refused.error());
      case SdkSettings settings -> new HttpAnswer(200, settings.settings());
      case Preflight preflight -> HttpAnswer.noContent();
      case Ignored ignored -> HttpAnswer.ok();
    };
    answer = answer.withHeaders(cors.headers(HttpEvents.header(event, "origin"), result instanceof Preflight));
    ObjectNode line = log.line(answer.status() < 500 ? "INFO" : "ERROR", "ingest request")
        .put("method", HttpEvents.method(event))
        .put("path", IngestRoute.forLog(HttpEvents.method(event), event.getRawPath()))
        .put("status", answer.status())
        .put("millis", (System.nanoTime() - started) / 1_000_000);
    // the messages of a request answered 200 are counted and each one not queued has its line
    Optional<Plan> planned = switch (result) {
      case Plan plan -> {
        line.put("accepted", plan.accepted().size()).put("skipped", plan.skipped().size()).put("rejected", plan.rejected().size());
        yield answer.status() == 200 ? Optional.of(plan) : Optional.empty();
      }
      // the answer's own sentence: it names a field and a rule, never a value or a credential
      case Refused refused -> {
        line.put("error", refused.error());
        yield Optional.empty();
      }
      case SdkSettings settings -> Optional.empty();
      case Preflight preflight -> Optional.empty();
      case Ignored ignored -> Optional.empty();
    };
    IngestMetrics.request(line, answer.status());
    planned.ifPresent(plan -> IngestMetrics.messages(line, log, plan));
    log.write(line);
    planned.ifPresent(plan -> messageLines(plan, log));
    return answer.response();
  }

  /** Each message that will not reach Vero, with why: the reason names fields, never their values. */
  private static void messageLines(Plan plan, JsonLog log) {
    plan.skipped().forEach(s -> log.write(log.line("INFO", "message skipped").put("index", s.index()).put("kind", s.reason().kind().word)
        .put("reason", s.reason().text())));
    plan.rejected().forEach(r -> log.write(log.line("WARN", "message rejected").put("index", r.index()).put("kind", r.kind().word)
        .put("reason", r.error())));
  }

  private HttpAnswer enqueue(Plan plan, JsonLog log) {
    try {
      publisher.publish(plan.accepted());
      return IngestResponses.enqueued(plan);
    } catch (QueueUnavailableException e) {
      log.error("queue unavailable: " + e.getMessage());
      return IngestResponses.queueUnavailable(e.queued(), plan.accepted().size());
    }
  }
}
