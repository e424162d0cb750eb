package dev.verodestination.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** API Gateway HTTP API events as the service builds them: lower-case headers, POST, payload 2.0. */
final class HttpEventsForTests {

  static final String WRITE_KEY = "wk_live_ingest_test_3c1e";

  private HttpEventsForTests() {}

  static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":").getBytes(StandardCharsets.UTF_8));
  }

  static APIGatewayV2HTTPEvent post(String path, String body) {
    return post(path, body, Map.of("content-type", "application/json", "authorization", basic(WRITE_KEY)));
  }

  static APIGatewayV2HTTPEvent post(String path, String body, Map<String, String> headers) {
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey("POST " + path)
        .withRawPath(path)
        .withHeaders(new HashMap<>(headers))
        .withBody(body)
        .withIsBase64Encoded(false)
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").withPath(path).build())
            .build())
        .build();
  }
}
