package dev.verodestination.webhook;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.crypto.Sha256;
import dev.verodestination.http.HttpEvents;
import dev.verodestination.json.Json;
import dev.verodestination.json.JsonErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Decides, without any I/O, what a request to {@code POST /webhooks/vero/{token}} becomes. Vero cannot
 * sign its webhooks, so the token in the path is the secret, compared in constant time.
 */
public final class WebhookIntake {

  public static final int MAX_BODY_BYTES = 256 * 1024;
  public static final String ROUTE_PREFIX = "/webhooks/vero/";

  private final byte[] tokenDigest;
  private final ProfileWebhooks profiles;

  public WebhookIntake(String veroWebhookToken, ProfileWebhooks profiles) {
    this.tokenDigest = Sha256.digest(veroWebhookToken);
    this.profiles = profiles;
  }

  public WebhookDecision decide(APIGatewayV2HTTPEvent event) {
    String method = HttpEvents.method(event);
    if (!"POST".equals(method)) {
      return new WebhookDecision.Refused(405, "method " + method + " is not allowed: use POST");
    }
    if (!Sha256.sameSecret(tokenOf(event), tokenDigest)) {
      return new WebhookDecision.Refused(401, "unknown webhook token");
    }
    Optional<byte[]> body = HttpEvents.body(event);
    if (body.isEmpty()) {
      return new WebhookDecision.Refused(400, "body is marked base64 but is not valid base64");
    }
    byte[] bytes = body.get();
    if (bytes.length > MAX_BODY_BYTES) {
      return new WebhookDecision.Refused(413, "body is " + bytes.length + " bytes; the limit is " + MAX_BODY_BYTES + " (256 KB)");
    }
    JsonNode payload;
    try {
      payload = Json.MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      return new WebhookDecision.Refused(400, "malformed JSON: " + JsonErrors.describe(e));
    } catch (IOException e) {
      return new WebhookDecision.Refused(400, "malformed JSON: unreadable body");
    }
    if (payload == null || !payload.isObject()) {
      return new WebhookDecision.Refused(400, "payload must be a JSON object with a \"type\"");
    }
    String raw = new String(bytes, StandardCharsets.UTF_8);
    return switch (VeroWebhookMapping.map(payload, profiles)) {
      case VeroWebhookMapping.Acknowledge acknowledge -> new WebhookDecision.Acknowledged(acknowledge.reason());
      case VeroWebhookMapping.Unforwardable unforwardable -> new WebhookDecision.Park(raw, unforwardable.reason());
      case VeroWebhookMapping.Forward forward -> new WebhookDecision.Forward(forward.call(), raw);
    };
  }

  private static String tokenOf(APIGatewayV2HTTPEvent event) {
    if (event.getPathParameters() != null && event.getPathParameters().get("token") != null) {
      return event.getPathParameters().get("token");
    }
    String path = event.getRawPath() == null ? "" : event.getRawPath();
    int at = path.indexOf(ROUTE_PREFIX);
    if (at < 0) {
      return "";
    }
    String token = path.substring(at + ROUTE_PREFIX.length());
    return token.endsWith("/") ? token.substring(0, token.length() - 1) : token;
  }
}
