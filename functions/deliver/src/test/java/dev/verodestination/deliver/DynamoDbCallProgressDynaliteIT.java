package dev.verodestination.deliver;

import dev.verodestination.testing.Dynalite;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB progress store against dynalite, a DynamoDB-compatible server from npm that runs
 * without Docker (the LocalStack variant runs where Docker does).
 */
class DynamoDbCallProgressDynaliteIT {

  @RegisterExtension
  static final Dynalite DYNALITE = new Dynalite();

  @Test
  void countsAttemptsKeepsCallsDoneAndForgets() throws Exception {
    URI endpoint = DYNALITE.endpoint();
    StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    try (DynamoDbClient dynamo = DynamoDbClient.builder()
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials)
        .endpointOverride(endpoint)
        .httpClient(UrlConnectionHttpClient.create())
        .build()) {
      CallProgressContract.holdsForATable(dynamo, endpoint, credentials);
    }
  }
}
