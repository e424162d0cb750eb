package dev.verodestination.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** What every progress store must do, run against each: memory, a DynamoDB-compatible server, LocalStack. */
public final class CallProgressContract {

  private CallProgressContract() {}

  public static void holds(CallProgress progress) throws Exception {
    assertEquals(0, progress.callsDone("alice/m-1"));
    assertEquals(1, progress.failedAttempt("alice/m-1", 0));
    assertEquals(2, progress.failedAttempt("alice/m-1", 1));
    assertEquals(1, progress.callsDone("alice/m-1"));
    assertEquals(0, progress.callsDone("bob/m-1"), "another user's message with the same messageId has its own record");
    assertEquals(1, progress.failedAttempt("bob/m-1", 0));
    progress.clear("alice/m-1");
    assertEquals(0, progress.callsDone("alice/m-1"));
    assertEquals(1, progress.failedAttempt("alice/m-1", 0), "a cleared record starts again");
  }

  /**
   * Creates the table as template.yaml declares its key (with the SDK's client, as CloudFormation
   * would), then checks the DynamoDB store, built with the function's own client settings, against it.
   */
  static void holdsForATable(DynamoDbClient dynamo, URI endpoint, AwsCredentialsProvider credentials) throws Exception {
    dynamo.createTable(r -> r.tableName("progress").billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(AttributeDefinition.builder().attributeName(DynamoDbCallProgress.KEY).attributeType(ScalarAttributeType.S).build())
        .keySchema(KeySchemaElement.builder().attributeName(DynamoDbCallProgress.KEY).keyType(KeyType.HASH).build()));
    dynamo.waiter().waitUntilTableExists(r -> r.tableName("progress"));
    try (DynamoDbClient client = DynamoDbCallProgress.client(Region.US_EAST_1, credentials, Optional.of(endpoint))) {
      holds(new DynamoDbCallProgress(client, "progress", Clock.systemUTC()));
    }
  }
}
