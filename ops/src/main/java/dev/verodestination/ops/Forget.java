package dev.verodestination.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.deliver.DynamoDbCallProgress;
import dev.verodestination.ingest.AcceptedMessage;
import dev.verodestination.ingest.FifoPublisher;
import dev.verodestination.json.Json;
import dev.verodestination.queue.FifoIds;
import dev.verodestination.queue.QueueUnavailableException;
import dev.verodestination.segment.Timestamps;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A person's right to be forgotten, for each user: the Vero delete queued in that user's FIFO group
 * (after whatever of theirs is still on its way, so Vero gets those first and then deletes them all),
 * and what this deployment keeps of them removed: their dead letters, their parked Vero webhooks,
 * their call-progress records and, on the runner, their rows on the debugger page.
 */
final class Forget {

  /** Counts per store; empty where that store is not known here (no progress table given, not the runner). */
  record Removed(String userId, String deleteMessageId, int deadLetters, int parkedWebhooks, Optional<Integer> callProgress,
      Optional<Integer> debuggerRows) {

    boolean nothingFound() {
      return deadLetters == 0 && parkedWebhooks == 0 && callProgress.orElse(0) == 0 && debuggerRows.orElse(0) == 0;
    }
  }

  private final StackOrRunner target;
  private final Clock clock;

  Forget(StackOrRunner target, Clock clock) {
    this.target = target;
    this.clock = clock;
  }

  List<Removed> forget(List<String> userIds) throws UsageException, InterruptedException {
    Map<String, Integer> deadLetters = removeFromQueue(target.dlqUrl(), letter -> userIds.contains(letter.userId()) ? letter.userId() : null);
    Map<String, Integer> parked = removeFromQueue(target.webhookDlqUrl(), letter -> {
      String user = webhookUser(letter.body());
      return userIds.contains(user) ? user : null;
    });
    Map<String, JsonNode> runner = target.runner().isPresent() ? forgetOnRunner(target.runner().get(), userIds) : Map.of();
    Optional<Map<String, Integer>> progress = target.runner().isPresent()
        ? Optional.of(count(runner, "callProgress"))
        : target.progressTable().map(table -> forgetProgress(table, userIds));
    Optional<Map<String, Integer>> rows = target.runner().map(r -> count(runner, "debuggerRows"));
    FifoPublisher publisher = new FifoPublisher(target.sqs(), target.queueUrl());
    List<Removed> removed = new java.util.ArrayList<>();
    for (String userId : userIds) {
      removed.add(new Removed(userId, queueDelete(publisher, userId), deadLetters.getOrDefault(userId, 0),
          parked.getOrDefault(userId, 0), progress.map(p -> p.getOrDefault(userId, 0)), rows.map(r -> r.getOrDefault(userId, 0))));
    }
    return removed;
  }

  /** The deletion request as ingest would queue it, in the user's group; deliver sends Vero's POST /users/delete. */
  private String queueDelete(FifoPublisher publisher, String userId) throws UsageException {
    String messageId = "forget-" + UUID.randomUUID();
    String now = Timestamps.format(clock.instant());
    ObjectNode body = Json.object().put("type", "delete").put("userId", userId).put("messageId", messageId)
        .put("timestamp", now).put("receivedAt", now);
    body.putObject("context").putObject("library").put("name", "vero-destination forget");
    try {
      publisher.publish(List.of(new AcceptedMessage(userId, messageId, Json.string(body))));
    } catch (QueueUnavailableException e) {
      throw new UsageException("the event queue did not take the Vero delete of " + userId + ": " + e.getMessage()
          + "; nothing was queued for it, run forget again");
    }
    return messageId;
  }

  private interface UserOf {
    /** The user a letter belongs to, when it is one being forgotten; null otherwise. */
    String userOf(DeadLetter letter);
  }

  /** Deletes the letters of the users being forgotten; every other letter stays as it was. */
  private Map<String, Integer> removeFromQueue(String queueUrl, UserOf userOf) {
    Map<String, Integer> removed = new HashMap<>();
    try (QueueWalk walk = new QueueWalk(target.sqs(), queueUrl)) {
      for (List<Message> batch = walk.next(); !batch.isEmpty(); batch = walk.next()) {
        for (Message message : batch) {
          String user = userOf.userOf(DeadLetter.of(message));
          if (user != null) {
            walk.delete(message);
            removed.merge(user, 1, Integer::sum);
          }
        }
      }
    }
    return removed;
  }

  /** A parked Vero webhook's user, as the webhook function maps it: {@code user.id} as a string. */
  static String webhookUser(String payload) {
    JsonNode id = Json.treeOrMissing(payload).path("user").path("id");
    return id.isTextual() || id.isNumber() ? id.asText() : "";
  }

  /** The runner's count per user in one store. */
  private static Map<String, Integer> count(Map<String, JsonNode> runner, String store) {
    Map<String, Integer> counts = new HashMap<>();
    runner.forEach((user, result) -> counts.put(user, result.path(store).asInt()));
    return counts;
  }

  /** On AWS, the progress table's records of each user's FIFO group, found by their key's prefix: one client for all. */
  private static Map<String, Integer> forgetProgress(StackOrRunner.ProgressTable table, List<String> userIds) {
    Map<String, Integer> removed = new HashMap<>();
    try (DynamoDbClient dynamo = DynamoDbCallProgress.client(table.region(), DefaultCredentialsProvider.builder().build(),
        table.endpoint())) {
      for (String userId : userIds) {
        ScanRequest scan = ScanRequest.builder().tableName(table.name())
            .filterExpression("begins_with(" + DynamoDbCallProgress.KEY + ", :prefix)")
            .expressionAttributeValues(Map.of(":prefix", AttributeValue.fromS(FifoIds.of(userId) + "/")))
            .projectionExpression(DynamoDbCallProgress.KEY)
            .build();
        for (Map<String, AttributeValue> item : dynamo.scanPaginator(scan).items()) {
          dynamo.deleteItem(r -> r.tableName(table.name()).key(Map.of(DynamoDbCallProgress.KEY, item.get(DynamoDbCallProgress.KEY))));
          removed.merge(userId, 1, Integer::sum);
        }
      }
    }
    return removed;
  }

  /** On the runner, what only its memory holds, through its operator route. */
  private static Map<String, JsonNode> forgetOnRunner(URI runner, List<String> userIds) throws UsageException, InterruptedException {
    ObjectNode request = Json.object();
    userIds.forEach(request.putArray("userIds")::add);
    return RunnerUsersRoute.ask(runner, Operator.RUNNER_FORGET_PATH, request, "forget");
  }
}
