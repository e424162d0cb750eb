package dev.verodestination.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.verodestination.http.BasicAuth;
import java.util.HashMap;
import java.util.Map;

/** API Gateway HTTP API (payload 2.0) events as the service builds them: lower-case headers, a method, a raw path. */
public final class ApiGatewayEvents {

  private ApiGatewayEvents() {}

  /** A JSON POST with a write key as the Basic auth user name, as Segment's libraries send it. */
  public static APIGatewayV2HTTPEvent post(String path, String body, String writeKey) {
    return post(path, body, Map.of("content-type", "application/json", "authorization", BasicAuth.header(writeKey)));
  }

  public static APIGatewayV2HTTPEvent post(String path, String body, Map<String, String> headers) {
    return request("POST", path, body, false, headers);
  }

  public static APIGatewayV2HTTPEvent request(String method, String path, String body, boolean base64, Map<String, String> headers) {
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey(method + " " + path)
        .withRawPath(path)
        .withHeaders(new HashMap<>(headers))
        .withBody(body)
        .withIsBase64Encoded(base64)
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
            .build())
        .build();
  }
}
