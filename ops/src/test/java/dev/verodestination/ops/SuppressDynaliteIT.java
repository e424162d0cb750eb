package dev.verodestination.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verodestination.deliver.DynamoDbCallProgress;
import dev.verodestination.deliver.suppress.DynamoDbSuppressedUsers;
import dev.verodestination.deliver.suppress.SuppressedUsers;
import dev.verodestination.deliver.suppress.SuppressionCheck;
import dev.verodestination.json.Json;
import dev.verodestination.testing.Dynalite;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * {@code suppress} and {@code unsuppress} on AWS: the operator command writes the stack's progress
 * table (here dynalite's) as deliver reads it, by the userId's hash, never the id itself.
 */
class SuppressDynaliteIT {

  @RegisterExtension
  static final Dynalite DYNALITE = new Dynalite();

  private static final String TABLE = "suppress-progress";

  @RegisterExtension
  final DefaultChainCredentials credentials = new DefaultChainCredentials();

  private static ForgetIT.Ran operator(String... words) {
    List<String> args = new ArrayList<>(List.of(words));
    args.addAll(List.of("--json", "--progress-table", TABLE, "--queue-url", "q", "--dlq-url", "d", "--webhook-dlq-url", "w",
        "--region", "us-east-1", "--endpoint-url", DYNALITE.endpoint().toString()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Operator.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new ForgetIT.Ran(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theCommandsWriteTheProgressTableAsDeliverReadsIt() throws Exception {
    try (DynamoDbClient dynamo = DynamoDbCallProgress.client(Region.US_EAST_1,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")), Optional.of(DYNALITE.endpoint()))) {
      dynamo.createTable(r -> r.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(AttributeDefinition.builder().attributeName(DynamoDbCallProgress.KEY).attributeType(ScalarAttributeType.S).build())
          .keySchema(KeySchemaElement.builder().attributeName(DynamoDbCallProgress.KEY).keyType(KeyType.HASH).build()));
      dynamo.waiter().waitUntilTableExists(r -> r.tableName(TABLE));
      DynamoDbSuppressedUsers deliverReads = new DynamoDbSuppressedUsers(dynamo, TABLE);
      assertEquals(0, deliverReads.count(), "an empty list: deliver asks about no one");

      ForgetIT.Ran suppress = operator("suppress", "ivy", "jon");
      assertEquals(0, suppress.exit(), suppress.err());
      assertEquals("[{\"userId\":\"ivy\",\"suppressed\":true,\"changed\":true},{\"userId\":\"jon\",\"suppressed\":true,\"changed\":true}]",
          Json.string(suppress.json().get("users")));
      assertFalse(operator("suppress", "ivy").json().at("/users/0/changed").asBoolean(), "once is enough");
      assertEquals(2, deliverReads.count(), "counted once each");
      assertTrue(deliverReads.contains(SuppressedUsers.hash("ivy")));
      assertTrue(new SuppressionCheck(deliverReads, Clock.systemUTC()).isSuppressed("jon"));
      assertFalse(new SuppressionCheck(deliverReads, Clock.systemUTC()).isSuppressed("kim"));
      List<String> keys = dynamo.scan(r -> r.tableName(TABLE)).items().stream()
          .map(item -> item.get(DynamoDbCallProgress.KEY).s()).sorted().toList();
      assertEquals(List.of("suppressed user " + SuppressedUsers.hash("ivy"), "suppressed user " + SuppressedUsers.hash("jon"),
          "suppressed users").stream().sorted().toList(), keys, "no userId in clear");

      ForgetIT.Ran unsuppress = operator("unsuppress", "ivy", "nobody");
      assertEquals(0, unsuppress.exit(), unsuppress.err());
      assertTrue(unsuppress.json().at("/users/0/changed").asBoolean());
      assertFalse(unsuppress.json().at("/users/1/changed").asBoolean(), "never suppressed");
      assertEquals(1, deliverReads.count());
      assertFalse(deliverReads.contains(SuppressedUsers.hash("ivy")));
      Map<String, AttributeValue> count = dynamo.getItem(r -> r.tableName(TABLE)
          .key(DynamoDbSuppressedUsers.key(DynamoDbSuppressedUsers.COUNT_KEY))).item();
      assertEquals("1", count.get(DynamoDbSuppressedUsers.COUNT).n());
    }
  }

  @Test
  void withoutAProgressTableItSaysWhereTheListIsKept() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Operator.run(List.of("suppress", "ivy", "--queue-url", "q", "--dlq-url", "d", "--webhook-dlq-url", "w", "--region",
        "us-east-1", "--endpoint-url", DYNALITE.endpoint().toString()), new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, exit);
    assertEquals("the suppressed users are kept in the stack's progress table: give --stack, or --progress-table NAME with the queue URLs\n",
        err.toString(StandardCharsets.UTF_8));
  }
}
