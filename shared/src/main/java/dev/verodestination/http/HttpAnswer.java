package dev.verodestination.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an HTTP function answers: a status, a JSON body (none for a 204) and any headers beside the
 * content type, passed back by API Gateway as they are.
 */
public record HttpAnswer(int status, ObjectNode body, Map<String, String> headers) {

  public HttpAnswer(int status, ObjectNode body) {
    this(status, body, Map.of());
  }

  /** {@code {"success":false,"error":...}}: {@code error} names the field and the rule, never a secret. */
  public static HttpAnswer error(int status, String error) {
    ObjectNode body = Json.object();
    body.put("success", false);
    body.put("error", error);
    return new HttpAnswer(status, body);
  }

  /** {@code {"success":true}}, for the caller to add to. */
  public static HttpAnswer ok() {
    ObjectNode body = Json.object();
    body.put("success", true);
    return new HttpAnswer(200, body);
  }

  public static HttpAnswer noContent() {
    return new HttpAnswer(204, null);
  }

  /** The same answer with these headers too (a later value wins). */
  public HttpAnswer withHeaders(Map<String, String> more) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.putAll(more);
    return new HttpAnswer(status, body, Map.copyOf(all));
  }

  public APIGatewayV2HTTPResponse response() {
    Map<String, String> all = new LinkedHashMap<>();
    if (body != null) {
      all.put("content-type", "application/json");
    }
    all.putAll(headers);
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(status)
        .withHeaders(all)
        .withBody(body == null ? null : Json.string(body))
        .build();
  }
}
