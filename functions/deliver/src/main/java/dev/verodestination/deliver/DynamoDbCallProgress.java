package dev.verodestination.deliver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.http.HttpClients;
import dev.verodestination.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * Progress in a DynamoDB table (template.yaml's ProgressTable), because a retried message may land
 * on another Lambda container. Items expire through the table's TTL after the queue could still
 * hold the message.
 *
 * <p>The three calls it makes (GetItem, UpdateItem, DeleteItem) are DynamoDB's JSON protocol sent
 * with the JDK's HTTP client and signed with the SDK's SigV4 signer, which the SQS client carries
 * anyway: the SDK's DynamoDB client would add its model of every DynamoDB operation to the jar.
 */
public final class DynamoDbCallProgress implements CallProgress {

  static final String KEY = "messageKey";
  static final String CALLS_DONE = "callsDone";
  static final String EXPIRES_AT = "expiresAt";
  static final String ATTEMPTS = "attempts";
  /** Longer than the event queue's retention (14 days), so a redriven message still finds its record. */
  static final Duration KEEP = Duration.ofDays(15);
  /** The whole exchange, as the SDK client's socket timeout was. */
  static final Duration DEADLINE = Duration.ofSeconds(5);
  static final int TRIES = 3;
  private static final List<String> THROTTLED = List.of("ProvisionedThroughputExceededException", "ThrottlingException",
      "RequestLimitExceeded", "InternalServerError");

  /** Where and as whom: the endpoint, the signing region and the role's credentials. */
  public record Table(URI endpoint, String region, AwsCredentialsProvider credentials, String name) {}

  private final HttpClient http;
  private final Table table;
  private final Clock clock;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

  public DynamoDbCallProgress(HttpClient http, Table table, Clock clock) {
    this.http = http;
    this.table = table;
    this.clock = clock;
  }

  @Override
  public int callsDone(String messageKey) throws ProgressUnavailableException {
    ObjectNode request = keyed(messageKey).put("ConsistentRead", true);
    JsonNode value = call("GetItem", request).path("Item").path(CALLS_DONE).path("N");
    return value.isTextual() ? Integer.parseInt(value.asText()) : 0;
  }

  /**
   * One write counts the attempt and keeps the calls done: a retry resumes at the calls recorded and
   * fails, if at all, at a later one, so the value never goes down.
   */
  @Override
  public int failedAttempt(String messageKey, int callsDone) throws ProgressUnavailableException {
    ObjectNode request = keyed(messageKey)
        .put("UpdateExpression", "SET " + EXPIRES_AT + " = :expires, " + CALLS_DONE + " = :done ADD " + ATTEMPTS + " :one")
        .put("ReturnValues", "UPDATED_NEW");
    ObjectNode values = request.putObject("ExpressionAttributeValues");
    values.putObject(":expires").put("N", Long.toString(clock.instant().plus(KEEP).getEpochSecond()));
    values.putObject(":done").put("N", Integer.toString(callsDone));
    values.putObject(":one").put("N", "1");
    JsonNode attempts = call("UpdateItem", request).path("Attributes").path(ATTEMPTS).path("N");
    if (!attempts.isTextual()) {
      throw new ProgressUnavailableException("progress table answered an update without the attempt count", null);
    }
    return Integer.parseInt(attempts.asText());
  }

  @Override
  public void clear(String messageKey) throws ProgressUnavailableException {
    call("DeleteItem", keyed(messageKey));
  }

  private ObjectNode keyed(String messageKey) {
    ObjectNode request = Json.object().put("TableName", table.name());
    request.putObject("Key").putObject(KEY).put("S", messageKey);
    return request;
  }

  /** One operation, tried again when DynamoDB throttles or fails; never says more than the error's type. */
  private JsonNode call(String operation, ObjectNode request) throws ProgressUnavailableException {
    byte[] body = Json.bytes(request);
    String problem = "";
    for (int attempt = 1; attempt <= TRIES; attempt++) {
      if (attempt > 1) {
        pause(50L << (2 * (attempt - 2)));
      }
      HttpResponse<String> response;
      try {
        response = HttpClients.exchange(http, signed(operation, body), DEADLINE);
      } catch (IOException | SdkException e) {
        problem = e.getClass().getSimpleName();
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProgressUnavailableException("progress table call interrupted", e);
      }
      JsonNode answer = Json.treeOrMissing(response.body());
      if (response.statusCode() == 200) {
        return answer;
      }
      String type = answer.path("__type").asText("");
      problem = type.isEmpty() ? "status " + response.statusCode() : type.substring(type.indexOf('#') + 1);
      if (response.statusCode() < 500 && THROTTLED.stream().noneMatch(problem::equals)) {
        break;
      }
    }
    throw new ProgressUnavailableException("progress table unavailable: " + problem, null);
  }

  private HttpRequest signed(String operation, byte[] body) {
    SdkHttpRequest unsigned = SdkHttpRequest.builder()
        .method(SdkHttpMethod.POST)
        .uri(table.endpoint())
        .putHeader("Content-Type", "application/x-amz-json-1.0")
        .putHeader("X-Amz-Target", "DynamoDB_20120810." + operation)
        .build();
    SignedRequest signed = signer.sign(r -> r.identity(table.credentials().resolveCredentials())
        .request(unsigned)
        .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
        .putProperty(AwsV4HttpSigner.REGION_NAME, table.region()));
    HttpRequest.Builder request = HttpRequest.newBuilder(table.endpoint()).timeout(DEADLINE)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    signed.request().forEachHeader((name, values) -> {
      // the JDK client sets these itself and refuses them from the caller
      if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
        values.forEach(value -> request.header(name, value));
      }
    });
    return request.build();
  }


  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What the SDK's clients would use in this region: its DynamoDB endpoint, unless one is set. */
  public static URI endpoint(String region, String domain) {
    return URI.create("https://dynamodb." + region + "." + domain);
  }
}
