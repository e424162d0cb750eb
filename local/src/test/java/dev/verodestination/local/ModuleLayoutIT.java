package dev.verodestination.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verodestination.testing.Conformance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The layout the README describes: each package lives in one module, and each deployable function jar
 * holds its own classes and shared/'s, never another function's (nor the runner's or the benchmarks').
 */
class ModuleLayoutIT {

  private static final List<String> FUNCTIONS = List.of("ingest", "deliver", "webhook");
  private static final List<String> MODULES = List.of("shared", "functions/ingest", "functions/deliver", "functions/webhook",
      "ops", "local", "bench");

  /** The Java packages under a module's src/main/java. */
  private static Set<String> packagesOf(String module) {
    Path sources = Conformance.projectRoot().resolve(module).resolve("src/main/java");
    try (Stream<Path> files = Files.walk(sources)) {
      return files.filter(f -> f.toString().endsWith(".java"))
          .map(f -> sources.relativize(f.getParent()).toString().replace('/', '.'))
          .collect(Collectors.toCollection(TreeSet::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void noPackageIsSplitAcrossModules() {
    Map<String, List<String>> modulesOfPackage = new TreeMap<>();
    for (String module : MODULES) {
      packagesOf(module).forEach(p -> modulesOfPackage.computeIfAbsent(p, k -> new ArrayList<>()).add(module));
    }
    modulesOfPackage.forEach((pkg, modules) -> assertEquals(1, modules.size(), pkg + " lives in " + modules));
    for (String function : FUNCTIONS) {
      assertTrue(packagesOf("functions/" + function).stream().allMatch(p -> p.startsWith("dev.verodestination." + function)),
          function + "'s packages are all under dev.verodestination." + function);
    }
  }

  @Test
  void eachFunctionJarHoldsOnlyItsOwnAndSharedsClasses() throws IOException {
    Set<String> shared = packagesOf("shared");
    for (String function : FUNCTIONS) {
      Path jar = Conformance.projectRoot().resolve("functions/" + function + "/target/vero-destination-" + function + ".jar");
      assertTrue(Files.exists(jar), jar + " is built by the package phase, before these integration tests");
      Set<String> projectPackages = new TreeSet<>();
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        zip.stream().map(e -> e.getName())
            .filter(name -> name.startsWith("dev/verodestination/") && name.endsWith(".class"))
            .forEach(name -> projectPackages.add(name.substring(0, name.lastIndexOf('/')).replace('/', '.')));
      }
      Set<String> own = packagesOf("functions/" + function);
      assertTrue(projectPackages.containsAll(own), jar + " holds its own packages " + own);
      assertTrue(projectPackages.containsAll(shared), jar + " holds shared/'s packages " + shared);
      Set<String> foreign = new TreeSet<>(projectPackages);
      foreign.removeAll(own);
      foreign.removeAll(shared);
      assertEquals(Set.of(), foreign, jar + " holds another module's classes");
      assertFalse(projectPackages.contains("dev.verodestination.testing"), "no test helper ships");
    }
  }
}
