package dev.verodestination.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.json.Json;
import dev.verodestination.testing.JsonAssert;
import dev.verodestination.testing.FakeHttpServer.Recorded;
import dev.verodestination.testing.FakeHttpServer.Reply;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** The exact DynamoDB requests the progress store sends, signed, and what it makes of DynamoDB's errors. */
class DynamoDbCallProgressIT {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
  private static final String SECRET = "secret-key-never-shown";

  private static DynamoDbCallProgress store(FakeHttpServer dynamo) {
    return new DynamoDbCallProgress(DynamoDbCallProgress.client(Region.EU_WEST_1,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", SECRET)), Optional.of(dynamo.baseUri())), "progress", CLOCK);
  }

  private static Reply json(int status, String body) {
    return new Reply(status, Map.of("content-type", "application/x-amz-json-1.0"), body, 0, true);
  }

  @Test
  void sendsDynamoDbsJsonProtocolSignedForDynamoDbInItsRegion() throws Exception {
    try (FakeHttpServer dynamo = new FakeHttpServer(r -> r.header("x-amz-target").endsWith("UpdateItem")
        ? json(200, "{\"Attributes\":{\"attempts\":{\"N\":\"3\"},\"callsDone\":{\"N\":\"1\"}}}")
        : json(200, "{\"Item\":{\"messageKey\":{\"S\":\"alice/m-1\"},\"callsDone\":{\"N\":\"2\"}}}"))) {
      DynamoDbCallProgress progress = store(dynamo);
      assertEquals(2, progress.callsDone("alice/m-1"));
      assertEquals(3, progress.failedAttempt("alice/m-1", 1));

      Recorded get = dynamo.received().get(0);
      assertEquals("POST /", get.method() + " " + get.path());
      assertEquals("DynamoDB_20120810.GetItem", get.header("x-amz-target"));
      assertEquals("application/x-amz-json-1.0", get.header("content-type"));
      JsonAssert.assertJsonEquals(Json.MAPPER.readTree("{\"TableName\":\"progress\",\"Key\":{\"messageKey\":{\"S\":\"alice/m-1\"}},\"ConsistentRead\":true}"), get.json());
      String authorization = get.header("authorization");
      assertTrue(authorization.startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"), authorization);
      assertTrue(authorization.contains("/eu-west-1/dynamodb/aws4_request, SignedHeaders="), authorization);
      assertTrue(authorization.matches(".*SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*x-amz-target.*"), authorization);
      assertFalse(authorization.contains(SECRET));

      Recorded update = dynamo.received().get(1);
      assertEquals("DynamoDB_20120810.UpdateItem", update.header("x-amz-target"));
      JsonAssert.assertJsonEquals(Json.MAPPER.readTree("{\"TableName\":\"progress\",\"Key\":{\"messageKey\":{\"S\":\"alice/m-1\"}},"
          + "\"UpdateExpression\":\"SET expiresAt = :expires, callsDone = :done ADD attempts :one\",\"ReturnValues\":\"UPDATED_NEW\","
          + "\"ExpressionAttributeValues\":{\":expires\":{\"N\":\"1797242400\"},\":done\":{\"N\":\"1\"},\":one\":{\"N\":\"1\"}}}"),
          update.json());
    }
  }

  @Test
  void aThrottledCallIsTriedAgainAndAMissingTableIsSaidByItsTypeAlone() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (FakeHttpServer dynamo = new FakeHttpServer(r -> calls.incrementAndGet() == 1
        ? json(400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ThrottlingException\",\"message\":\"slow down\"}")
        : json(200, "{}"))) {
      assertEquals(0, store(dynamo).callsDone("bob/m-1"), "no item: no calls done");
      assertEquals(2, dynamo.received().size());
    }
    try (FakeHttpServer dynamo = new FakeHttpServer(r -> json(400,
        "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\",\"message\":\"Requested resource not found\"}"))) {
      CallProgress.ProgressUnavailableException refused = assertThrows(CallProgress.ProgressUnavailableException.class,
          () -> store(dynamo).clear("bob/m-1"));
      assertEquals("progress table unavailable: ResourceNotFoundException", refused.getMessage());
      assertEquals(1, dynamo.received().size(), "a missing table is not retried");
      assertEquals("DynamoDB_20120810.DeleteItem", dynamo.received().get(0).header("x-amz-target"));
    }
    try (FakeHttpServer dynamo = new FakeHttpServer(r -> json(500, "oops"))) {
      assertEquals("progress table unavailable: status 500",
          assertThrows(CallProgress.ProgressUnavailableException.class, () -> store(dynamo).callsDone("c")).getMessage());
      assertEquals(DynamoDbCallProgress.RETRIES.maxAttempts(), dynamo.received().size());
    }
  }
}
