package dev.verodestination.deliver.suppress;

import dev.verodestination.deliver.CallProgress.ProgressUnavailableException;
import dev.verodestination.deliver.DynamoDbCallProgress;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The suppressed users in the progress table, beside the call-progress records (whose keys, a FIFO
 * group id and a slash, never hold a space): one item a user ({@value #USER_PREFIX} and the hash of
 * the userId), and one ({@value #COUNT_KEY}) counting them, which the operator commands raise before
 * adding a user and lower after removing one, so that it is never below the truth. Neither expires.
 */
public final class DynamoDbSuppressedUsers implements SuppressedUsers {

  public static final String USER_PREFIX = "suppressed user ";
  public static final String COUNT_KEY = "suppressed users";
  public static final String COUNT = "count";

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoDbSuppressedUsers(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  @Override
  public long count() throws ProgressUnavailableException {
    Map<String, AttributeValue> item = DynamoDbCallProgress.call(() -> dynamo.getItem(r -> r.tableName(table)
        .key(key(COUNT_KEY))).item());
    return item == null || !item.containsKey(COUNT) ? 0 : Long.parseLong(item.get(COUNT).n());
  }

  @Override
  public boolean contains(String userHash) throws ProgressUnavailableException {
    Map<String, AttributeValue> item = DynamoDbCallProgress.call(() -> dynamo.getItem(r -> r.tableName(table)
        .key(userKey(userHash))).item());
    return item != null && !item.isEmpty();
  }

  /** The key of a suppressed user's item, by the hash of their userId. */
  public static Map<String, AttributeValue> userKey(String userHash) {
    return key(USER_PREFIX + userHash);
  }

  public static Map<String, AttributeValue> key(String key) {
    return Map.of(DynamoDbCallProgress.KEY, AttributeValue.fromS(key));
  }
}
