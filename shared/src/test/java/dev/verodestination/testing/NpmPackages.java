package dev.verodestination.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Segment's JavaScript libraries as their npm packages ship them, installed at test time into
 * target/npm (never into the repository). Where a tool is missing the tests that need it skip, except
 * under {@code CI=true}, where .ci/run installs it and its absence fails.
 */
public final class NpmPackages {

  public static final Path PREFIX = Path.of("target", "npm").toAbsolutePath();

  private NpmPackages() {}

  /** Installs {@code spec} (name@version) once per build; returns its folder in node_modules. */
  public static Path install(String name, String version) throws IOException, InterruptedException {
    Path folder = PREFIX.resolve("node_modules").resolve(name);
    if (Files.exists(folder.resolve("package.json"))
        && Files.readString(folder.resolve("package.json")).contains("\"version\": \"" + version + "\"")) {
      return folder;
    }
    Files.createDirectories(PREFIX);
    Process npm;
    try {
      npm = new ProcessBuilder("npm", "install", "--prefix", PREFIX.toString(), "--no-audit", "--no-fund", "--no-save",
          name + "@" + version).redirectErrorStream(true).start();
    } catch (IOException noNpm) {
      require(false, "npm");
      throw noNpm;
    }
    String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean done = npm.waitFor(300, TimeUnit.SECONDS);
    require(done && npm.exitValue() == 0 && Files.exists(folder.resolve("package.json")),
        "npm install " + name + "@" + version + ":\n" + output);
    return folder;
  }

  public static void require(boolean present, String what) {
    if (present) {
      return;
    }
    if ("true".equals(System.getenv("CI"))) {
      fail("CI=true but " + what + " is not available: .ci/run installs it");
    }
    assumeTrue(false, what + " is not available here; the tests that need it skip outside CI");
  }
}
