package dev.verodestination.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The progress table as template.yaml declares it, on LocalStack's DynamoDB, where Docker is available. */
@Testcontainers(disabledWithoutDocker = true)
class DynamoDbCallProgressLocalStackIT {

  @Container
  private static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:3.8"))
      .withServices(LocalStackContainer.Service.DYNAMODB);

  @Test
  void countsAttemptsKeepsCallsDoneAndForgets() throws Exception {
    StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
        AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey()));
    java.net.URI endpoint = LOCALSTACK.getEndpointOverride(LocalStackContainer.Service.DYNAMODB);
    try (DynamoDbClient dynamo = DynamoDbClient.builder()
        .region(Region.of(LOCALSTACK.getRegion()))
        .credentialsProvider(credentials)
        .endpointOverride(endpoint)
        .httpClient(UrlConnectionHttpClient.create())
        .build()) {
      CallProgressContract.holdsForATable(dynamo, endpoint, credentials);
    }
  }
}
