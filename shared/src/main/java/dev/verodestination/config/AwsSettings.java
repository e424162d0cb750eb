package dev.verodestination.config;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** The Lambda runtime sets AWS_REGION; naming it saves the SDK a search at cold start. */
public final class AwsSettings {

  private AwsSettings() {}

  /**
   * The function role's credentials, named rather than searched for: Lambda puts them in the
   * environment, except after a SnapStart restore, where the runtime serves them from its container
   * credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI) instead. Nothing is fetched here, so a
   * snapshot never holds credentials.
   */
  public static AwsCredentialsProvider lambdaCredentials() {
    return AwsCredentialsProviderChain.builder()
        .credentialsProviders(EnvironmentVariableCredentialsProvider.create(), ContainerCredentialsProvider.builder().build())
        .reuseLastProviderEnabled(true)
        .build();
  }

  public static Region region(Settings settings) {
    return Region.of(settings.optional("AWS_REGION").orElseThrow(
        () -> new MissingSettingException("missing required setting AWS_REGION (the Lambda runtime sets it)")));
  }
}
