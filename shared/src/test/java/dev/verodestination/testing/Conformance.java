package dev.verodestination.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The third-party fixtures in {@code ../shared/conformance}, beside the project. A user's clone has
 * no such folder: these tests then skip, except under {@code CI=true}, where its absence fails.
 */
public final class Conformance {

  private Conformance() {}

  public static Path dir(String subPath) {
    Path base = locate();
    Path dir = base.resolve(subPath);
    if (!Files.exists(dir)) {
      fail("conformance fixture missing: " + dir);
    }
    return dir;
  }

  public static List<Path> files(String subDir, String suffix) {
    try (Stream<Path> files = Files.list(dir(subDir))) {
      return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path locate() {
    String override = System.getProperty("conformance.dir");
    if (override != null) {
      return Path.of(override);
    }
    Path root = projectRoot();
    Path conformance = root.resolveSibling("shared").resolve("conformance");
    if (!Files.isDirectory(conformance)) {
      if ("true".equals(System.getenv("CI"))) {
        fail("CI=true but the conformance corpus is missing at " + conformance.toAbsolutePath().normalize());
      }
      assumeTrue(false, "no conformance corpus at " + conformance + "; skipped outside CI");
    }
    return conformance;
  }

  /** The folder that holds the reactor pom and functions/. */
  public static Path projectRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("functions"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("tests must run inside the vero-destination checkout");
  }
}
