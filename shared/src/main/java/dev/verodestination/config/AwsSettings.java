package dev.verodestination.config;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import java.time.Duration;

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

  /** The one HTTP client for AWS calls in a function jar: the SDK's, on HttpURLConnection (no Netty, no Apache). */
  public static SdkHttpClient httpClient() {
    return UrlConnectionHttpClient.builder()
        .connectionTimeout(Duration.ofSeconds(2))
        .socketTimeout(Duration.ofSeconds(5))
        .build();
  }

  public static Region region(Settings settings) {
    return Region.of(settings.optional("AWS_REGION").orElseThrow(
        () -> new InvalidSettingException("missing required setting AWS_REGION (the Lambda runtime sets it)")));
  }
}
