package dev.verodestination.config;

import software.amazon.awssdk.regions.Region;

/** The Lambda runtime sets AWS_REGION; naming it saves the SDK a search at cold start. */
public final class AwsSettings {

  private AwsSettings() {}

  public static Region region(Settings settings) {
    return Region.of(settings.optional("AWS_REGION").orElseThrow(
        () -> new MissingSettingException("missing required setting AWS_REGION (the Lambda runtime sets it)")));
  }
}
