package dev.verodestination.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** Reads an API Gateway HTTP API (payload 2.0) event. */
public final class HttpEvents {

  private HttpEvents() {}

  public static String method(APIGatewayV2HTTPEvent event) {
    var context = event.getRequestContext();
    if (context != null && context.getHttp() != null && context.getHttp().getMethod() != null) {
      return context.getHttp().getMethod();
    }
    return "POST";
  }

  /** API Gateway lower-cases header names; callers of the local runner may not. */
  public static String header(APIGatewayV2HTTPEvent event, String lowerCaseName) {
    Map<String, String> headers = event.getHeaders();
    if (headers == null) {
      return null;
    }
    String value = headers.get(lowerCaseName);
    if (value != null) {
      return value;
    }
    for (Map.Entry<String, String> entry : headers.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(lowerCaseName)) {
        return entry.getValue();
      }
    }
    return null;
  }

  /** Empty when the body claims base64 and is not. */
  public static Optional<byte[]> body(APIGatewayV2HTTPEvent event) {
    String body = event.getBody();
    if (body == null) {
      return Optional.of(new byte[0]);
    }
    if (!event.getIsBase64Encoded()) {
      return Optional.of(body.getBytes(StandardCharsets.UTF_8));
    }
    try {
      return Optional.of(Base64.getDecoder().decode(body));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
