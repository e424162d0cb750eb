package dev.verodestination.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.verodestination.json.Json;
import dev.verodestination.local.QueueSetup;
import dev.verodestination.testing.Conformance;
import dev.verodestination.testing.ElasticMq;
import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.FakeHttpServer.Reply;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each function jar inside the JVM limits Lambda's Java runtime sets for the template's default
 * memory size: it splits a function's memory 85% heap, 10% metaspace, 5% code cache (the flags it
 * starts the JVM with, at 512 MB those below; at 256 MB the metaspace, 25.6 MB, left less than a fifth
 * spare once TLS and the secret's client were loaded, docs/cost.md), and a function whose classes outgrow the metaspace
 * fails with OutOfMemoryError. Runs the SnapStart priming and the first event, as a restore does,
 * with its secret settings read from Secrets Manager at init as on AWS, and wants a fifth of each
 * limit to spare for the paths priming does not walk.
 */
class LambdaMemoryIT {

  private static final int TEMPLATE_MEMORY_MB = 512;
  private static final long METASPACE_KB = 52_429;
  private static final long CODE_CACHE_KB = 26_214;
  private static final List<String> LAMBDA_512_MB_FLAGS = List.of("-XX:MaxHeapSize=445645k", "-XX:MaxMetaspaceSize=" + METASPACE_KB + "k",
      "-XX:ReservedCodeCacheSize=" + CODE_CACHE_KB + "k", "-XX:+UseSerialGC", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
      // the heap and metaspace at exit: gc+heap+exit up to JDK 22 (Lambda's java21), gc+exit from JDK 23
      "-Xlog:gc+heap+exit:stdout", "-Xlog:gc+exit:stdout", "-XX:+UnlockDiagnosticVMOptions", "-XX:+PrintCodeCache");

  private static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:vero-destination-AbCdEf";
  private static final List<String> SECRET_SETTINGS = List.of("WRITE_KEYS", "VERO_AUTH_TOKEN", "VERO_WEBHOOK_TOKEN", "SEGMENT_WRITE_KEY");

  @RegisterExtension
  static final ElasticMq SQS = new ElasticMq();

  private static FakeHttpServer secretsManager() throws java.io.IOException {
    String secret = "{\"WRITE_KEYS\":\"sample-write-key\",\"VERO_AUTH_TOKEN\":\"bench-token\","
        + "\"VERO_WEBHOOK_TOKEN\":\"sample-webhook-token\",\"SEGMENT_WRITE_KEY\":\"bench-segment\"}";
    String answer = "{\"ARN\":\"" + SECRET_ARN + "\",\"SecretString\":" + Json.string(TextNode.valueOf(secret)) + "}";
    return new FakeHttpServer(r -> new Reply(200, Map.of("Content-Type", "application/x-amz-json-1.1"), answer, 0, true));
  }

  @Test
  void theFlagsAreThoseOfTheTemplatesDefaultMemorySize() throws Exception {
    String template = Files.readString(Conformance.projectRoot().resolve("template.yaml"));
    Matcher memory = Pattern.compile("FunctionMemorySize:\\s+Type: Number\\s+Default: (\\d+)").matcher(template);
    assertTrue(memory.find(), "template.yaml has a FunctionMemorySize parameter");
    assertEquals(TEMPLATE_MEMORY_MB, Integer.parseInt(memory.group(1)),
        "the template's default memory changed: set this test's flags to what Lambda gives that size");
  }

  @TestFactory
  Stream<DynamicTest> eachFunctionPrimesAndAnswersWithAFifthOfItsMetaspaceAndCodeCacheToSpare() throws Exception {
    Path root = Conformance.projectRoot();
    return ColdStart.FUNCTIONS.stream().map(function -> DynamicTest.dynamicTest(function.name(), () -> {
      Path jar = root.resolve("functions/" + function.name() + "/target/vero-destination-" + function.name() + ".jar");
      assumeTrue(Files.exists(jar), "the function jar is built by `mvn verify` before this module's tests");
      try (FakeHttpServer standIn = new FakeHttpServer(r -> Reply.ok()); FakeHttpServer secretsManager = secretsManager()) {
        Map<String, String> environment = new HashMap<>(ColdStart.environment(SQS.endpoint(),
            QueueSetup.create(SQS.sqs(), "memory-" + function.name(), 10), standIn.baseUri().toString()));
        // as on AWS: the secret settings come from Secrets Manager at init, whose client is loaded too
        SECRET_SETTINGS.forEach(environment::remove);
        environment.put("SECRETS_ARN", SECRET_ARN);
        environment.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secretsManager.baseUri().toString());
        Process probe = ColdStart.probe(jar + File.pathSeparator + root.resolve("bench/target/classes"), LAMBDA_512_MB_FLAGS,
            environment, List.of("restore", root.resolve(function.event()).toString(), function.handler(), function.eventClass())).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(probe.waitFor(120, TimeUnit.SECONDS), output);
        // deliver answers with its batch item failures: none
        assertTrue(output.contains(function.name().equals("deliver") ? "answer=[]" : "answer=200"), output);
        assertFalse(output.contains("OutOfMemoryError") || output.contains("CodeCache is full"), output);
        long metaspace = kilobytes(output, "Metaspace\\s+used (\\d+)K");
        long codeCache = kilobytes(output, "CodeCache: size=\\d+Kb used=(\\d+)Kb");
        assertTrue(metaspace < METASPACE_KB * 4 / 5, function.name() + " metaspace " + metaspace + "K of " + METASPACE_KB + "K");
        assertTrue(codeCache < CODE_CACHE_KB * 4 / 5, function.name() + " code cache " + codeCache + "K of " + CODE_CACHE_KB + "K");
        assertEquals("secretsmanager.GetSecretValue", secretsManager.received().get(0).header("x-amz-target"));
      }
    }));
  }

  private static long kilobytes(String output, String pattern) {
    Matcher matcher = Pattern.compile(pattern).matcher(output);
    assertTrue(matcher.find(), pattern + " in\n" + output);
    return Long.parseLong(matcher.group(1));
  }
}
