package dev.verodestination.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.verodestination.local.QueueSetup;
import dev.verodestination.testing.Conformance;
import dev.verodestination.testing.ElasticMq;
import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.FakeHttpServer.Reply;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * starts the JVM with, at 256 MB those below), and a function whose classes outgrow the metaspace
 * fails with OutOfMemoryError. Runs the SnapStart priming and the first event, as a restore does,
 * and wants a fifth of each limit to spare for the paths priming does not walk.
 */
class LambdaMemoryIT {

  private static final int TEMPLATE_MEMORY_MB = 256;
  private static final long METASPACE_KB = 26_214;
  private static final long CODE_CACHE_KB = 13_107;
  private static final List<String> LAMBDA_256_MB_FLAGS = List.of("-XX:MaxHeapSize=222823k", "-XX:MaxMetaspaceSize=" + METASPACE_KB + "k",
      "-XX:ReservedCodeCacheSize=" + CODE_CACHE_KB + "k", "-XX:+UseSerialGC", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
      "-Xlog:gc+heap+exit:stdout", "-XX:+UnlockDiagnosticVMOptions", "-XX:+PrintCodeCache");

  @RegisterExtension
  static final ElasticMq SQS = new ElasticMq();

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
      try (FakeHttpServer standIn = new FakeHttpServer(r -> Reply.ok())) {
        Process probe = ColdStart.probe(jar + File.pathSeparator + root.resolve("bench/target/classes"), LAMBDA_256_MB_FLAGS,
            ColdStart.environment(SQS.endpoint(), QueueSetup.create(SQS.sqs(), "memory-" + function.name(), 10),
                standIn.baseUri().toString()),
            List.of("restore", root.resolve(function.event()).toString(), function.handler(), function.eventClass())).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(probe.waitFor(120, TimeUnit.SECONDS), output);
        // deliver answers with its batch item failures: none
        assertTrue(output.contains(function.name().equals("deliver") ? "answer=[]" : "answer=200"), output);
        assertFalse(output.contains("OutOfMemoryError") || output.contains("CodeCache is full"), output);
        long metaspace = kilobytes(output, "Metaspace\\s+used (\\d+)K");
        long codeCache = kilobytes(output, "CodeCache: size=\\d+Kb used=(\\d+)Kb");
        assertTrue(metaspace < METASPACE_KB * 4 / 5, function.name() + " metaspace " + metaspace + "K of " + METASPACE_KB + "K");
        assertTrue(codeCache < CODE_CACHE_KB * 4 / 5, function.name() + " code cache " + codeCache + "K of " + CODE_CACHE_KB + "K");
      }
    }));
  }

  private static long kilobytes(String output, String pattern) {
    Matcher matcher = Pattern.compile(pattern).matcher(output);
    assertTrue(matcher.find(), pattern + " in\n" + output);
    return Long.parseLong(matcher.group(1));
  }
}
