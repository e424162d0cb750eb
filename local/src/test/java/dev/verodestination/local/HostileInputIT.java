package dev.verodestination.local;

import dev.verodestination.http.BasicAuth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.ingest.IngestConfig;
import dev.verodestination.ingest.IngestWiring;
import dev.verodestination.webhook.WebhookWiring;
import dev.verodestination.webhook.ProfileWebhooks;
import dev.verodestination.webhook.WebhookConfig;
import dev.verodestination.ingest.IngestHandler;
import dev.verodestination.json.Json;
import dev.verodestination.log.JsonLog;
import dev.verodestination.testing.ElasticMq;
import dev.verodestination.local.dryrun.DryRunSegmentSender;
import dev.verodestination.webhook.WebhookHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fuzzes the ingest and webhook routes with mutations of real inputs (the conformance corpus and
 * events/) and random JSON: wrong types, huge strings, deep nesting, invalid UTF-8, duplicate keys,
 * out-of-range numbers, truncation and noise. Never a 5xx, never a stack trace or class name, always
 * a JSON answer of the documented shape.
 */
class HostileInputIT {

  @RegisterExtension
  static final ElasticMq SQS = new ElasticMq();

  private static final String WRITE_KEY = "wk_fuzz_test_6a0e";
  private static final String HOOK_TOKEN = "hook_fuzz_test_2b7d";
  private static final Pattern LEAK = Pattern.compile("Exception|\\tat |\\.java:\\d|com\\.fasterxml|dev\\.verodestination|java\\.lang");
  private static final String[] INGEST_PATHS = {"/v1/track", "/v1/identify", "/v1/page", "/v1/screen", "/v1/group", "/v1/alias",
      "/v1/batch", "/v1/import", "/", "/v1/i", "/v1/t", "/v1/a", "/v1/b", "/v1/m", "/b"};

  @Test
  void neitherRouteEverAnswers5xxOrLeaksInternals() throws Exception {
    int inputs = Soak.size(1000, 10_000);
    QueueSetup.Queues queues = QueueSetup.create(SQS.sqs(), "fuzz", 10);
    JsonLog quiet = new JsonLog("fuzz", new PrintStream(new ByteArrayOutputStream()));
    IngestHandler ingest = new IngestHandler(IngestWiring.wire(
        new IngestConfig(List.of(WRITE_KEY), Optional.of("fuzz-secret"), queues.queueUrl()), SQS.sqs(), Clock.systemUTC(), quiet));
    // no Segment write key: the dry-run sender stands in for Segment
    WebhookHandler webhook = new WebhookHandler(WebhookWiring.wire(new WebhookConfig(HOOK_TOKEN, URI.create("http://127.0.0.1:9/v1"),
        Optional.empty(), queues.webhookDlqUrl(), Duration.ofSeconds(1), ProfileWebhooks.IGNORE), SQS.sqs(), new DryRunSegmentSender(), Clock.systemUTC(), quiet));

    List<byte[]> ingestSeeds = seeds("segment-spec", "events/ingest");
    List<byte[]> webhookSeeds = seeds("vero-webhooks", "events/webhook");
    SplittableRandom random = new SplittableRandom(42);
    Map<String, Integer> ingestStatuses = fuzz(ingest, inputs, random, ingestSeeds,
        () -> INGEST_PATHS[random.nextInt(INGEST_PATHS.length)], true);
    Map<String, Integer> webhookStatuses = fuzz(webhook, inputs, random, webhookSeeds, () -> "/webhooks/vero/" + HOOK_TOKEN, false);
    System.out.println("fuzz: ingest inputs=" + inputs + " statuses=" + ingestStatuses
        + " | webhook inputs=" + inputs + " statuses=" + webhookStatuses + " | 5xx=0 leaks=0");
  }

  private static Map<String, Integer> fuzz(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler, int inputs,
      SplittableRandom random, List<byte[]> seeds, java.util.function.Supplier<String> paths, boolean ingest) {
    Map<String, Integer> statuses = new TreeMap<>();
    for (int i = 0; i < inputs; i++) {
      byte[] body = mutate(seeds.get(random.nextInt(seeds.size())), random);
      String path = paths.get();
      APIGatewayV2HTTPResponse response;
      try {
        response = handler.handleRequest(event(path, body, random), null);
      } catch (RuntimeException e) {
        fail("input " + i + " on " + path + " threw " + e + ": " + preview(body));
        return statuses;
      }
      statuses.merge(Integer.toString(response.getStatusCode()), 1, Integer::sum);
      String answer = response.getBody();
      assertTrue(response.getStatusCode() < 500, "input " + i + " on " + path + " got " + response.getStatusCode() + " " + answer);
      assertFalse(LEAK.matcher(answer).find(), "internals in the answer to input " + i + ": " + answer);
      JsonNode json;
      try {
        json = Json.MAPPER.readTree(answer);
      } catch (IOException e) {
        fail("not JSON: " + answer);
        return statuses;
      }
      assertTrue(json.path("success").isBoolean(), answer);
      if (!json.get("success").asBoolean()) {
        assertTrue(json.path("error").isTextual(), answer);
      } else if (ingest && path.equals("/v1/m")) {
        assertEquals(1, json.size(), "library metrics get a bare success: " + answer);
      } else if (ingest) {
        assertTrue(json.path("accepted").isInt() && json.path("skipped").isArray() && json.path("rejected").isArray(), answer);
      } else {
        assertTrue(json.path("forwarded").isBoolean(), answer);
      }
    }
    return statuses;
  }

  private static APIGatewayV2HTTPEvent event(String path, byte[] body, SplittableRandom random) {
    String auth = random.nextInt(10) == 0 ? BasicAuth.header("nope")
        : BasicAuth.header(WRITE_KEY);
    return APIGatewayV2HTTPEvent.builder()
        .withRawPath(path)
        .withHeaders(Map.of("content-type", "application/json", "authorization", auth))
        .withBody(Base64.getEncoder().encodeToString(body))
        .withIsBase64Encoded(true)
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").build()).build())
        .build();
  }

  static byte[] mutate(byte[] seed, SplittableRandom random) {
    switch (random.nextInt(12)) {
      case 0 -> {
        return replaceAValue(seed, random, randomValue(random, 0));
      }
      case 1 -> {
        return replaceAValue(seed, random, JsonNodeFactory.instance.textNode("x".repeat(random.nextInt(50_000, 300_000))));
      }
      case 2 -> {
        int depth = random.nextInt(10, 3000);
        return ("{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\",\"properties\":" + "[".repeat(depth) + "1"
            + "]".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8);
      }
      case 3 -> {
        byte[] copy = seed.clone();
        for (int n = random.nextInt(1, 6); n > 0; n--) {
          copy[random.nextInt(copy.length)] = (byte) random.nextInt(0x80, 0x100);
        }
        return copy;
      }
      case 4 -> {
        String text = new String(seed, StandardCharsets.UTF_8);
        int brace = text.indexOf('{');
        return brace < 0 ? seed : (text.substring(0, brace + 1) + "\"userId\":\"a\",\"userId\":\"b\","
            + text.substring(brace + 1)).getBytes(StandardCharsets.UTF_8);
      }
      case 5 -> {
        // huge exponents (cheap to parse, a billion digits written out) and long decimals that grow when written
        String[] numbers = {"1e400", "-1e400", "123456789012345678901234567890123456789", "0." + "0".repeat(90) + "1",
            "9".repeat(120), "-0", "1E-400", "1e999999999", "-1e99999999", "1e-999999999", "9." + "9".repeat(95) + "e-5"};
        return replaceAValue(seed, random, null, numbers[random.nextInt(numbers.length)]);
      }
      case 6 -> {
        return java.util.Arrays.copyOf(seed, random.nextInt(seed.length));
      }
      case 7 -> {
        byte[] noise = new byte[random.nextInt(1, 2000)];
        random.nextBytes(noise);
        return noise;
      }
      case 8 -> {
        return Json.bytes(randomValue(random, 0));
      }
      case 9 -> {
        return removeAField(seed, random);
      }
      case 10 -> {
        // characters SQS cannot carry, and a NUL, as a value or in a key, written as JSON escapes
        String[] characters = {"\\uFFFE", "\\uFFFF", "\\uD800", "\\uDC00", "\\u0000", "\\uD83D\\uDE00"};
        String character = characters[random.nextInt(characters.length)];
        return random.nextBoolean()
            ? replaceAValue(seed, random, null, "\"a" + character + "b\"")
            : replaceAValue(seed, random, null, "{\"k" + character + "\":1}");
      }
      default -> {
        return seed;
      }
    }
  }

  private static byte[] replaceAValue(byte[] seed, SplittableRandom random, JsonNode value) {
    return replaceAValue(seed, random, value, null);
  }

  /** Replaces one field anywhere in the tree; a raw literal (such as 1e400) replaces it as text. */
  private static byte[] replaceAValue(byte[] seed, SplittableRandom random, JsonNode value, String rawLiteral) {
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(seed);
    } catch (IOException e) {
      return seed;
    }
    List<ObjectNode> objects = new ArrayList<>();
    collectObjects(tree, objects);
    if (objects.isEmpty()) {
      return seed;
    }
    ObjectNode target = objects.get(random.nextInt(objects.size()));
    List<String> names = new ArrayList<>();
    target.fieldNames().forEachRemaining(names::add);
    String name = names.isEmpty() ? "type" : names.get(random.nextInt(names.size()));
    if (rawLiteral == null) {
      target.set(name, value);
      return Json.bytes(tree);
    }
    target.put(name, "RAW-LITERAL-SLOT");
    return Json.string(tree).replace("\"RAW-LITERAL-SLOT\"", rawLiteral).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] removeAField(byte[] seed, SplittableRandom random) {
    try {
      JsonNode tree = Json.MAPPER.readTree(seed);
      List<ObjectNode> objects = new ArrayList<>();
      collectObjects(tree, objects);
      if (!objects.isEmpty()) {
        ObjectNode target = objects.get(random.nextInt(objects.size()));
        Iterator<String> names = target.fieldNames();
        if (names.hasNext()) {
          target.remove(names.next());
        }
      }
      return Json.bytes(tree);
    } catch (IOException e) {
      return seed;
    }
  }

  private static void collectObjects(JsonNode node, List<ObjectNode> into) {
    if (node.isObject()) {
      into.add((ObjectNode) node);
    }
    node.elements().forEachRemaining(child -> collectObjects(child, into));
  }

  private static JsonNode randomValue(SplittableRandom random, int depth) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    switch (random.nextInt(depth > 4 ? 5 : 7)) {
      case 0 -> {
        return f.nullNode();
      }
      case 1 -> {
        return f.booleanNode(random.nextBoolean());
      }
      case 2 -> {
        return f.numberNode(random.nextLong());
      }
      case 3 -> {
        return f.numberNode(random.nextDouble() * 1e12);
      }
      case 4 -> {
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(0, 40); n > 0; n--) {
          text.appendCodePoint(random.nextInt(4) == 0 ? random.nextInt(0x20, 0x2FFF) : random.nextInt('a', 'z' + 1));
        }
        return f.textNode(text.toString());
      }
      case 5 -> {
        ArrayNode array = f.arrayNode();
        for (int n = random.nextInt(0, 5); n > 0; n--) {
          array.add(randomValue(random, depth + 1));
        }
        return array;
      }
      default -> {
        ObjectNode object = f.objectNode();
        String[] names = {"type", "userId", "anonymousId", "event", "properties", "traits", "context", "integrations",
            "batch", "messageId", "timestamp", "groupId", "previousId", "user", "campaign", "writeKey"};
        for (int n = random.nextInt(0, 6); n > 0; n--) {
          object.set(names[random.nextInt(names.length)], randomValue(random, depth + 1));
        }
        return object;
      }
    }
  }

  private static List<byte[]> seeds(String conformanceDir, String eventsDir) throws IOException {
    List<byte[]> seeds = new ArrayList<>();
    Path conformance = dev.verodestination.testing.Conformance.projectRoot().resolveSibling("shared").resolve("conformance").resolve(conformanceDir);
    if (Files.isDirectory(conformance)) {
      try (Stream<Path> files = Files.walk(conformance)) {
        for (Path file : files.filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".raw.txt")).sorted().toList()) {
          seeds.add(Files.readAllBytes(file));
        }
      }
    }
    try (Stream<Path> files = Files.list(dev.verodestination.testing.Conformance.projectRoot().resolve(eventsDir))) {
      for (Path file : files.sorted().toList()) {
        JsonNode event = Json.MAPPER.readTree(Files.readAllBytes(file));
        if (!event.hasNonNull("body")) {
          continue; // a preflight or a settings request: nothing to mutate
        }
        String body = event.path("body").asText("");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (event.path("isBase64Encoded").asBoolean()) {
          try {
            bytes = Base64.getDecoder().decode(body);
          } catch (IllegalArgumentException notBase64) {
            // the bad-base64 sample: its text is a seed as it is
          }
        }
        seeds.add(bytes);
      }
    }
    assertFalse(seeds.isEmpty());
    return seeds;
  }

  private static String preview(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }

  @Test
  void theMutatorProducesEveryKindOfHostileInput() {
    SplittableRandom random = new SplittableRandom(7);
    byte[] seed = "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\"}".getBytes(StandardCharsets.UTF_8);
    int invalidJson = 0;
    int huge = 0;
    for (int i = 0; i < 500; i++) {
      byte[] mutated = mutate(seed, random);
      try {
        Json.MAPPER.readTree(mutated);
      } catch (IOException e) {
        invalidJson++;
      }
      if (mutated.length > 50_000) {
        huge++;
      }
    }
    assertTrue(invalidJson > 50, "some inputs are not even JSON: " + invalidJson);
    assertTrue(huge > 10, "some inputs are huge: " + huge);
  }
}
