package dev.verodestination.deliver;

import dev.verodestination.config.AwsSettings;
import dev.verodestination.retry.RetryPolicy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Progress in a DynamoDB table (template.yaml's ProgressTable), because a retried message may land
 * on another Lambda container. Items expire through the table's TTL after the queue could still
 * hold the message. Throttling and server errors are retried by the SDK, waiting as the project's
 * retry policy says.
 */
public final class DynamoDbCallProgress implements CallProgress {

  public static final String KEY = "messageKey";
  static final String CALLS_DONE = "callsDone";
  static final String EXPIRES_AT = "expiresAt";
  static final String ATTEMPTS = "attempts";
  /** Longer than the event queue's retention (14 days), so a redriven message still finds its record. */
  static final Duration KEEP = Duration.ofDays(15);
  /** One try, and the whole call with its retries: deliver's Vero calls wait behind it. */
  static final Duration TRY_DEADLINE = Duration.ofSeconds(5);
  static final Duration CALL_DEADLINE = Duration.ofSeconds(8);
  static final RetryPolicy RETRIES = new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(800), 3);

  private final DynamoDbClient dynamo;
  private final String table;
  private final Clock clock;

  public DynamoDbCallProgress(DynamoDbClient dynamo, String table, Clock clock) {
    this.dynamo = dynamo;
    this.table = table;
    this.clock = clock;
  }

  /**
   * The client the way cold starts want it (region, credentials and HTTP client named), on the
   * url-connection client, with deadlines for a try and for the call, and the project's backoff.
   */
  public static DynamoDbClient client(Region region, AwsCredentialsProvider credentials, Optional<URI> endpoint) {
    var builder = DynamoDbClient.builder()
        .region(region)
        .credentialsProvider(credentials)
        .httpClient(AwsSettings.httpClient())
        .overrideConfiguration(c -> c.apiCallAttemptTimeout(TRY_DEADLINE).apiCallTimeout(CALL_DEADLINE)
            .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(RETRIES.maxAttempts())
                .backoffStrategy(attempt -> RETRIES.delay(attempt, Optional.empty()))
                .throttlingBackoffStrategy(attempt -> RETRIES.delay(attempt, Optional.empty()))
                .circuitBreakerEnabled(false)
                .build()));
    endpoint.ifPresent(builder::endpointOverride);
    return builder.build();
  }

  @Override
  public int callsDone(String messageKey) throws ProgressUnavailableException {
    Map<String, AttributeValue> item = call(() -> dynamo.getItem(r -> r.tableName(table).key(key(messageKey)).consistentRead(true)).item());
    AttributeValue done = item == null ? null : item.get(CALLS_DONE);
    return done == null || done.n() == null ? 0 : Integer.parseInt(done.n());
  }

  /**
   * One write counts the attempt and keeps the calls done: a retry resumes at the calls recorded and
   * fails, if at all, at a later one, so the value never goes down.
   */
  @Override
  public int failedAttempt(String messageKey, int callsDone) throws ProgressUnavailableException {
    Map<String, AttributeValue> updated = call(() -> dynamo.updateItem(r -> r.tableName(table).key(key(messageKey))
        .updateExpression("SET " + EXPIRES_AT + " = :expires, " + CALLS_DONE + " = :done ADD " + ATTEMPTS + " :one")
        .expressionAttributeValues(Map.of(
            ":expires", number(clock.instant().plus(KEEP).getEpochSecond()),
            ":done", number(callsDone),
            ":one", number(1)))
        .returnValues(ReturnValue.UPDATED_NEW)).attributes());
    AttributeValue attempts = updated == null ? null : updated.get(ATTEMPTS);
    if (attempts == null || attempts.n() == null) {
      throw new ProgressUnavailableException("progress table answered an update without the attempt count", null);
    }
    return Integer.parseInt(attempts.n());
  }

  @Override
  public void callsMade(String messageKey, int callsDone) throws ProgressUnavailableException {
    call(() -> dynamo.updateItem(r -> r.tableName(table).key(key(messageKey))
        .updateExpression("SET " + EXPIRES_AT + " = :expires, " + CALLS_DONE + " = :done")
        .expressionAttributeValues(Map.of(
            ":expires", number(clock.instant().plus(KEEP).getEpochSecond()),
            ":done", number(callsDone)))));
  }

  @Override
  public void clear(String messageKey) throws ProgressUnavailableException {
    call(() -> dynamo.deleteItem(r -> r.tableName(table).key(key(messageKey))));
  }

  private static Map<String, AttributeValue> key(String messageKey) {
    return Map.of(KEY, AttributeValue.fromS(messageKey));
  }

  private static AttributeValue number(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  /** One call to the table. */
  public interface Call<T> {
    T run();
  }

  /** Never says more than the error's type: an SDK message can quote the request. */
  public static <T> T call(Call<T> call) throws ProgressUnavailableException {
    try {
      return call.run();
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      throw new ProgressUnavailableException("progress table unavailable: "
          + (code == null || code.isBlank() ? "status " + e.statusCode() : code), null);
    } catch (SdkException e) {
      throw new ProgressUnavailableException("progress table unavailable: " + e.getClass().getSimpleName(), null);
    }
  }
}
