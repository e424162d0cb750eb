package dev.verodestination.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.FakeHttpServer.Reply;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The stack's secret read through the SDK from a stand-in Secrets Manager on 127.0.0.1, speaking its JSON protocol. */
class LambdaSettingsIT {

  private static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:vero-destination-AbCdEf";

  private static SecretsManagerClient client(FakeHttpServer server) {
    return SecretsManagerClient.builder()
        .region(Region.EU_WEST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .endpointOverride(server.baseUri())
        .httpClient(AwsSettings.httpClient())
        .build();
  }

  private static Reply secret(String secretString) {
    return new Reply(200, Map.of("Content-Type", "application/x-amz-json-1.1"),
        "{\"ARN\":\"" + ARN + "\",\"Name\":\"vero-destination\",\"SecretString\":" + dev.verodestination.json.Json.string(
            com.fasterxml.jackson.databind.node.TextNode.valueOf(secretString)) + ",\"VersionId\":\"v1\"}", 0, true);
  }

  @Test
  void theSecretsSettingsLieOverTheEnvironmentsAndTheRequestIsSecretsManagersOwn() throws Exception {
    try (FakeHttpServer server = new FakeHttpServer(r -> secret("{\"WRITE_KEYS\":\"wk_1,wk_2\",\"VERO_AUTH_TOKEN\":\"tok\",\"n\":1}"));
         SecretsManagerClient secrets = client(server)) {
      Map<String, String> values = LambdaSettings.read(secrets, ARN);
      assertEquals(Map.of("WRITE_KEYS", "wk_1,wk_2", "VERO_AUTH_TOKEN", "tok"), values, "only string values are settings");
      Settings settings = new Settings(Map.of("QUEUE_URL", "q", "WRITE_KEYS", "from-environment")).with(values);
      assertEquals("wk_1,wk_2", settings.required("WRITE_KEYS"));
      assertEquals("q", settings.required("QUEUE_URL"));
      assertEquals("secretsmanager.GetSecretValue", server.received().get(0).header("x-amz-target"));
      assertEquals(ARN, server.received().get(0).json().get("SecretId").asText());
    }
  }

  @Test
  void aSecretThatIsNotAJsonObjectOrCannotBeReadStopsTheFunctionNamingItNeverItsValue() throws Exception {
    try (FakeHttpServer server = new FakeHttpServer(r -> secret("hunter2-not-json"));
         SecretsManagerClient secrets = client(server)) {
      InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> LambdaSettings.read(secrets, ARN));
      assertEquals("the secret " + ARN + " must be a JSON object of settings", e.getMessage());
      assertFalse(e.getMessage().contains("hunter2"));
    }
    try (FakeHttpServer server = new FakeHttpServer(r -> new Reply(400, Map.of("Content-Type", "application/x-amz-json-1.1"),
        "{\"__type\":\"AccessDeniedException\",\"message\":\"not allowed\"}", 0, false));
         SecretsManagerClient secrets = client(server)) {
      InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> LambdaSettings.read(secrets, ARN));
      assertEquals("cannot read the secret " + ARN + " named by SECRETS_ARN: SecretsManagerException", e.getMessage());
    }
  }
}
