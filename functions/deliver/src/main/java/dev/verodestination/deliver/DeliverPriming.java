package dev.verodestination.deliver;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.config.Settings;
import dev.verodestination.deliver.vero.MappingRules;
import dev.verodestination.deliver.vero.VeroMapping;
import dev.verodestination.deliver.vero.VeroRequest;
import dev.verodestination.json.Json;
import dev.verodestination.priming.LoopbackStandIn;
import dev.verodestination.priming.PrimingHook;
import dev.verodestination.priming.PrimingParts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;
import dev.verodestination.deliver.suppress.DynamoDbSuppressedUsers;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What a SnapStart snapshot of deliver should hold loaded, linked and compiled: a queued message
 * parsed, mapped to its Vero requests (a main call, product events, audience and tags edits) by every
 * section of the team's mapping, and their bodies serialised, as
 * delivery does before its HTTP call; then the whole handler, Vero client and JDK HTTP client
 * included, and the progress store's DynamoDB client, against a stand-in of Vero and AWS on 127.0.0.1. Nothing leaves the machine, nothing is kept.
 */
public final class DeliverPriming {

  private static final String[] QUEUED = {
      "{\"type\":\"identify\",\"userId\":\"priming\",\"traits\":{\"email\":\"p@example.com\"},\"messageId\":\"p-1\","
          + "\"timestamp\":\"2026-01-01T00:00:00.000Z\",\"receivedAt\":\"2026-01-01T00:00:01.000Z\"}",
      "{\"type\":\"track\",\"userId\":\"priming\",\"event\":\"Primed\",\"properties\":{\"n\":1.5},\"messageId\":\"p-2\","
          + "\"context\":{\"traits\":{\"email\":\"p@example.com\"},\"userAgent\":\"UA\"},\"timestamp\":\"2026-01-01T00:00:00.000Z\","
          + "\"integrations\":{\"Vero\":{\"tags\":{\"action\":\"add\",\"values\":[\"p\"]}}}}",
      "{\"type\":\"identify\",\"anonymousId\":\"a\",\"traits\":{\"email\":\"Lead@example.com\",\"primed\":true},\"messageId\":\"p-3\","
          + "\"context\":{\"personas\":{\"computation_class\":\"audience\",\"computation_key\":\"primed\"}}}",
      "{\"type\":\"track\",\"userId\":\"priming\",\"event\":\"Order Completed\",\"messageId\":\"p-4\",\"timestamp\":\"2026-01-01T00:00:00.000Z\","
          + "\"properties\":{\"order_id\":\"o\",\"currency\":\"EUR\",\"products\":[{\"sku\":\"a\",\"price\":1.5},{\"sku\":\"b\"}]}}"};

  /** Every section of the team's mapping, each of which the made-up messages walk: their code compiled too. */
  static final String RULES = "{\"identity\":{\"id\":[\"userId\",\"traits.member_id\"],\"emailOnly\":\"id\"},"
      + "\"audiences\":{\"tags\":true,\"tagPrefix\":\"p-\"},\"products\":{\"events\":[\"Order Completed\"],\"as\":\"Ordered Product\"},"
      + "\"events\":{\"keepRepeats\":true}}";
  private static final MappingRules MAPPING = MappingRules.parse(RULES);

  private DeliverPriming() {}

  /** What the SnapStart hook runs: the decision until it is compiled, then the whole handler. */
  public static void beforeSnapshot() {
    run(PrimingHook.ROUNDS);
    throughHandler(PrimingHook.HANDLER_ROUNDS);
  }

  /** Returns the bytes serialised, so that a test can see the path was walked whole. */
  public static int run(int rounds) {
    int bytes = 0;
    for (int i = 0; i < rounds; i++) {
      for (String queued : QUEUED) {
        VeroMapping.Requests mapped = (VeroMapping.Requests) VeroMapping.map(read(queued), MAPPING);
        for (VeroRequest request : mapped.requests()) {
          bytes += Json.bytes(request.body()).length;
        }
      }
    }
    return bytes;
  }

  /**
   * The handler as the Lambda runtime calls it, built by the function's own wiring, delivering the
   * queued messages to a stand-in of Vero; returns how many batches ended with no failure.
   */
  public static int throughHandler(int rounds) {
    int delivered = 0;
    try (LoopbackStandIn standIn = LoopbackStandIn.start(); SqsClient sqs = PrimingParts.sqs(standIn);
         DynamoDbClient dynamo = DynamoDbCallProgress.client(Region.US_EAST_1, PrimingParts.CREDENTIALS, Optional.of(standIn.uri()))) {
      DeliverConfig config = DeliverConfig.from(new Settings(Map.of("VERO_AUTH_TOKEN", "priming-only-token",
          "VERO_API_URL", standIn.uri() + "/api/v2", "DESTINATION_RULES", RULES)), PrimingParts.fifoQueueUrl(standIn), PrimingParts.fifoQueueUrl(standIn));
      CallProgress progress = new DynamoDbCallProgress(dynamo, "priming", Clock.systemUTC());
      DeliverHandler handler = new DeliverHandler(DeliverWiring.wire(config, sqs, progress,
          new DynamoDbSuppressedUsers(dynamo, "priming"), Clock.systemUTC(), PrimingParts.quietLog("deliver")));
      // only a retried message reads its progress: read and clear one here, so the DynamoDB client is primed too
      progress.callsDone("priming/p-0");
      progress.clear("priming/p-0");
      for (int i = 0; i < rounds; i++) {
        delivered += handler.handleRequest(batch(i), null).getBatchItemFailures().isEmpty() ? 1 : 0;
      }
    } catch (CallProgress.ProgressUnavailableException e) {
      throw new IllegalStateException("the priming stand-in did not answer as DynamoDB: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("the priming stand-in did not start", e);
    }
    return delivered;
  }

  private static SQSEvent batch(int round) {
    List<SQSEvent.SQSMessage> records = new ArrayList<>();
    for (int i = 0; i < QUEUED.length; i++) {
      SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
      message.setMessageId("priming-" + round + "-" + i);
      message.setReceiptHandle("priming");
      message.setBody(QUEUED[i]);
      message.setAttributes(Map.of("MessageGroupId", "priming", "MessageDeduplicationId", "priming/p-" + round + "-" + i,
          "ApproximateReceiveCount", "1"));
      message.setEventSource("aws:sqs");
      records.add(message);
    }
    SQSEvent event = new SQSEvent();
    event.setRecords(records);
    return event;
  }

  private static JsonNode read(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
