package dev.verodestination.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verodestination.testing.Conformance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The runner's jar (what the README's first command runs) holds the classes this build compiled, of
 * the runner, the operator commands, the functions and shared alike; the operators' own jar those of
 * the commands and what they run. A build without {@code clean} once shaded new classes
 * into the previous shaded jar, the old ones winning.
 */
class RunnerJarIT {

  @Test
  void everyClassOfThisBuildIsInTheRunnerJarAsCompiled() throws Exception {
    holdsAsCompiled("local/target/vero-destination-local.jar",
        List.of("shared", "functions/ingest", "functions/deliver", "functions/webhook", "ops", "local"));
  }

  @Test
  void theOperatorsJarHoldsTheCommandsAndWhatTheyRunAsCompiled() throws Exception {
    // replay runs ingest's planner, forget deliver's progress client; nothing of the webhook function
    holdsAsCompiled("ops/target/vero-destination-ops.jar", List.of("shared", "functions/ingest", "functions/deliver", "ops"));
  }

  private static void holdsAsCompiled(String jarPath, List<String> modules) throws Exception {
    Path root = Conformance.projectRoot();
    Path jar = root.resolve(jarPath);
    assertTrue(Files.exists(jar), jar + " is built by the package phase, before these integration tests");
    List<String> stale = new ArrayList<>();
    int compared = 0;
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (String module : modules) {
        Path classes = root.resolve(module + "/target/classes");
        try (Stream<Path> files = Files.walk(classes)) {
          for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
            String name = classes.relativize(file).toString().replace('\\', '/');
            ZipEntry entry = zip.getEntry(name);
            CRC32 crc = new CRC32();
            crc.update(Files.readAllBytes(file));
            if (entry == null || entry.getCrc() != crc.getValue()) {
              stale.add(module + ": " + name);
            }
            compared++;
          }
        }
      }
    }
    assertTrue(compared > 100, "the build's classes were found: " + compared);
    assertEquals(List.of(), stale, "missing from " + jarPath + ", or an older build of them");
  }
}
