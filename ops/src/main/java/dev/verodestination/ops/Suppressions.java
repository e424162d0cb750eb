package dev.verodestination.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.deliver.DynamoDbCallProgress;
import dev.verodestination.deliver.suppress.DynamoDbSuppressedUsers;
import dev.verodestination.deliver.suppress.SuppressedUsers;
import dev.verodestination.json.Json;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Suppresses users (their later messages are skipped before Vero, reason {@code suppressed}) or lets
 * them through again: on the runner through its operator route, on AWS in the stack's progress table,
 * where deliver reads it within a minute. Answers, per user, whether the list changed.
 */
final class Suppressions {

  private final StackOrRunner target;
  private final Clock clock;

  Suppressions(StackOrRunner target, Clock clock) {
    this.target = target;
    this.clock = clock;
  }

  Map<String, Boolean> change(List<String> userIds, boolean suppressed) throws UsageException, InterruptedException {
    Map<String, Boolean> changed = new LinkedHashMap<>();
    if (target.runner().isPresent()) {
      ObjectNode request = Json.object().put("suppressed", suppressed);
      userIds.forEach(request.putArray("userIds")::add);
      Map<String, JsonNode> results = RunnerUsersRoute.ask(target.runner().get(), Operator.RUNNER_SUPPRESS_PATH, request,
          suppressed ? "suppress" : "unsuppress");
      userIds.forEach(user -> changed.put(user, results.getOrDefault(user, Json.object()).path("changed").asBoolean()));
      return changed;
    }
    StackOrRunner.ProgressTable table = target.progressTable().orElseThrow(() -> new UsageException(
        "the suppressed users are kept in the stack's progress table: give --stack, or --progress-table NAME with the queue URLs"));
    try (DynamoDbClient dynamo = DynamoDbCallProgress.client(table.region(), DefaultCredentialsProvider.builder().build(),
        table.endpoint())) {
      for (String userId : userIds) {
        changed.put(userId, suppressed ? add(dynamo, table.name(), userId) : remove(dynamo, table.name(), userId));
      }
    } catch (SdkException e) {
      throw new UsageException("the progress table " + table.name() + " could not be changed (" + e.getClass().getSimpleName()
          + "); run the command again: a user already changed is unchanged by a second run");
    }
    return changed;
  }

  /** The count first, then the user (taken back if it was there): deliver never sees a user the count leaves out. */
  private boolean add(DynamoDbClient dynamo, String table, String userId) {
    Map<String, AttributeValue> user = new java.util.HashMap<>(DynamoDbSuppressedUsers.userKey(SuppressedUsers.hash(userId)));
    count(dynamo, table, 1);
    user.put("since", AttributeValue.fromS(clock.instant().toString()));
    try {
      dynamo.putItem(r -> r.tableName(table).item(user).conditionExpression("attribute_not_exists(#key)")
          .expressionAttributeNames(Map.of("#key", DynamoDbCallProgress.KEY)));
      return true;
    } catch (ConditionalCheckFailedException alreadyThere) {
      count(dynamo, table, -1);
      return false;
    }
  }

  /** The user first, then the count: the count is never below the users. */
  private static boolean remove(DynamoDbClient dynamo, String table, String userId) {
    Map<String, AttributeValue> old = dynamo.deleteItem(r -> r.tableName(table)
        .key(DynamoDbSuppressedUsers.userKey(SuppressedUsers.hash(userId)))
        .returnValues(ReturnValue.ALL_OLD)).attributes();
    if (old == null || old.isEmpty()) {
      return false;
    }
    count(dynamo, table, -1);
    return true;
  }

  private static void count(DynamoDbClient dynamo, String table, int by) {
    dynamo.updateItem(r -> r.tableName(table).key(DynamoDbSuppressedUsers.key(DynamoDbSuppressedUsers.COUNT_KEY))
        .updateExpression("ADD #count :by").expressionAttributeNames(Map.of("#count", DynamoDbSuppressedUsers.COUNT))
        .expressionAttributeValues(Map.of(":by", AttributeValue.fromN(Integer.toString(by)))));
  }
}
