package dev.verodestination.deliver;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Progress in a DynamoDB table (template.yaml's ProgressTable), because a retried message may land
 * on another Lambda container. Items expire through the table's TTL after the queue could still
 * hold the message.
 */
public final class DynamoDbCallProgress implements CallProgress {

  static final String KEY = "messageKey";
  static final String CALLS_DONE = "callsDone";
  static final String EXPIRES_AT = "expiresAt";
  static final String ATTEMPTS = "attempts";
  /** Longer than the event queue's retention (14 days), so a redriven message still finds its record. */
  static final Duration KEEP = Duration.ofDays(15);

  private final DynamoDbClient dynamo;
  private final String table;
  private final Clock clock;

  public DynamoDbCallProgress(DynamoDbClient dynamo, String table, Clock clock) {
    this.dynamo = dynamo;
    this.table = table;
    this.clock = clock;
  }

  @Override
  public int callsDone(String messageKey) throws ProgressUnavailableException {
    try {
      Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
          .key(Map.of(KEY, AttributeValue.fromS(messageKey)))).item();
      AttributeValue value = item == null ? null : item.get(CALLS_DONE);
      return value == null ? 0 : Integer.parseInt(value.n());
    } catch (SdkException e) {
      throw new ProgressUnavailableException("progress table unavailable: " + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * One write counts the attempt and keeps the calls done: a retry resumes at the calls recorded and
   * fails, if at all, at a later one, so the value never goes down.
   */
  @Override
  public int failedAttempt(String messageKey, int callsDone) throws ProgressUnavailableException {
    try {
      Map<String, AttributeValue> updated = dynamo.updateItem(r -> r.tableName(table)
          .key(Map.of(KEY, AttributeValue.fromS(messageKey)))
          .updateExpression("SET " + EXPIRES_AT + " = :expires, " + CALLS_DONE + " = :done ADD " + ATTEMPTS + " :one")
          .expressionAttributeValues(Map.of(
              ":expires", AttributeValue.fromN(Long.toString(clock.instant().plus(KEEP).getEpochSecond())),
              ":done", AttributeValue.fromN(Integer.toString(callsDone)),
              ":one", AttributeValue.fromN("1")))
          .returnValues(ReturnValue.UPDATED_NEW)).attributes();
      return Integer.parseInt(updated.get(ATTEMPTS).n());
    } catch (SdkException e) {
      throw new ProgressUnavailableException("progress table unavailable: " + e.getClass().getSimpleName(), e);
    }
  }

  @Override
  public void clear(String messageKey) throws ProgressUnavailableException {
    try {
      dynamo.deleteItem(r -> r.tableName(table).key(Map.of(KEY, AttributeValue.fromS(messageKey))));
    } catch (SdkException e) {
      throw new ProgressUnavailableException("progress table unavailable: " + e.getClass().getSimpleName(), e);
    }
  }
}
