package dev.verodestination.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.json.Json;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A function's settings in AWS: the environment, which holds nothing secret, and the stack's secret
 * ({@code SECRETS_ARN}), a JSON object of the secret settings (write keys, tokens), read once per
 * container. Anyone allowed to read a function's configuration sees the environment; only the
 * function's role may read the secret.
 */
public final class LambdaSettings {

  public static final String SECRETS_ARN = "SECRETS_ARN";

  private LambdaSettings() {}

  public static Settings load() {
    Settings environment = Settings.fromEnvironment();
    Optional<String> arn = environment.optional(SECRETS_ARN);
    if (arn.isEmpty()) {
      return environment;
    }
    try (SecretsManagerClient secrets = SecretsManagerClient.builder()
        .region(AwsSettings.region(environment))
        .credentialsProvider(AwsSettings.lambdaCredentials())
        .httpClient(AwsSettings.httpClient())
        .build()) {
      return environment.with(read(secrets, arn.get()));
    }
  }

  /** The secret's string as settings; an error names the secret and the problem, never a value. */
  public static Map<String, String> read(SecretsManagerClient secrets, String arn) {
    String text;
    try {
      text = secrets.getSecretValue(r -> r.secretId(arn)).secretString();
    } catch (SdkException e) {
      throw new InvalidSettingException("cannot read the secret " + arn + " named by " + SECRETS_ARN + ": "
          + e.getClass().getSimpleName());
    }
    JsonNode values;
    try {
      values = text == null ? null : Json.MAPPER.readTree(text);
    } catch (IOException e) {
      values = null;
    }
    if (values == null || !values.isObject()) {
      throw new InvalidSettingException("the secret " + arn + " must be a JSON object of settings");
    }
    Map<String, String> settings = new HashMap<>();
    for (Map.Entry<String, JsonNode> field : values.properties()) {
      if (field.getValue().isTextual()) {
        settings.put(field.getKey(), field.getValue().textValue());
      }
    }
    return settings;
  }
}
