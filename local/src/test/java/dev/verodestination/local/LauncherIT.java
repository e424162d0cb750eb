package dev.verodestination.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verodestination.testing.Conformance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The newcomer's path: every command README.md gives goes through {@code local/vd}, which finds a JDK
 * 21+ itself in a shell whose {@code java} is older and whose {@code JAVA_HOME} is unset; and the page
 * stays a user's page.
 */
class LauncherIT {

  private static final Path ROOT = Conformance.projectRoot();

  @Test
  void theLauncherRunsMavenWithAJdk21OrNewerWhateverTheShellsJavaAndJavaHomeAre() throws Exception {
    ProcessBuilder launcher = new ProcessBuilder("bash", ROOT.resolve("local/vd").toString(), "mvn", "-v")
        .directory(ROOT.toFile()).redirectErrorStream(true);
    Map<String, String> env = launcher.environment();
    // a new shell: the build's JDK neither in JAVA_HOME nor first on PATH, so `java` is the machine's default (17 here)
    String buildJdk = env.remove("JAVA_HOME");
    if (buildJdk != null) {
      env.put("PATH", String.join(":", Arrays.stream(env.getOrDefault("PATH", "").split(":"))
          .filter(entry -> !entry.startsWith(buildJdk)).toList()));
    }
    Process run = launcher.start();
    assertTrue(run.waitFor(2, TimeUnit.MINUTES), "local/vd mvn -v ended");
    String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, run.exitValue(), out);
    Matcher java = Pattern.compile("Java version: (\\d+)").matcher(out);
    assertTrue(java.find(), out);
    assertTrue(Integer.parseInt(java.group(1)) >= 21, "Maven ran on Java " + java.group(1) + ": " + out);
  }

  @Test
  void everyJavaOrMavenCommandOfTheReadmeGoesThroughTheLauncherAndThePageStaysShort() throws Exception {
    List<String> lines = Files.readAllLines(ROOT.resolve("README.md"));
    assertTrue(lines.size() <= 250, "README.md is " + lines.size() + " lines; the reference belongs in docs/");
    List<String> direct = new ArrayList<>();
    boolean shell = false;
    for (String line : lines) {
      if (line.startsWith("```")) {
        shell = line.equals("```sh");
        continue;
      }
      String command = line.strip();
      if (shell && (command.startsWith("java ") || command.startsWith("mvn ") || command.startsWith(". .ci/jdk.sh"))) {
        direct.add(command);
      }
    }
    assertEquals(List.of(), direct, "a command a new shell runs with its own java, not local/vd");
  }
}
