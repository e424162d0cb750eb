package dev.verodestination.queue;

import dev.verodestination.config.AwsSettings;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the SQS client the way cold starts want it: region, credentials provider and HTTP client
 * named, so the SDK does not search the class path or the environment for them.
 */
public final class SqsClients {

  private SqsClients() {}

  public static SqsClient create(Region region, AwsCredentialsProvider credentials, Optional<URI> endpoint) {
    var builder = SqsClient.builder()
        .region(region)
        .credentialsProvider(credentials)
        .httpClient(AwsSettings.httpClient());
    endpoint.ifPresent(builder::endpointOverride);
    return builder.build();
  }
}
