package dev.verodestination.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonLogTest {

  private static Context context(String requestId, String version) {
    return (Context) Proxy.newProxyInstance(JsonLogTest.class.getClassLoader(), new Class<?>[] {Context.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "getAwsRequestId" -> requestId;
          case "getFunctionVersion" -> version;
          default -> null;
        });
  }

  @Test
  void eachLineIsOneJsonObjectAndAnInvocationsLinesCarryItsRequestIdAndVersion() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonLog log = new JsonLog("ingest", new PrintStream(out, true, StandardCharsets.UTF_8));
    log.info("container line");
    log.forInvocation(context("c0ffee-1", "7")).write(log.forInvocation(context("c0ffee-1", "7")).line("WARN", "request line")
        .put("status", 400));
    log.forInvocation(null).error("no context, as in a unit test");
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(3, lines.length);
    JsonNode first = Json.MAPPER.readTree(lines[0]);
    assertEquals("ingest", first.get("component").asText());
    assertFalse(first.has("requestId"));
    JsonNode second = Json.MAPPER.readTree(lines[1]);
    assertEquals("c0ffee-1", second.get("requestId").asText());
    assertEquals("7", second.get("functionVersion").asText());
    assertEquals("WARN", second.get("level").asText());
    assertEquals(400, second.get("status").asInt());
    assertEquals("ERROR", Json.MAPPER.readTree(lines[2]).get("level").asText());
  }
}
