package dev.verodestination.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;

class InterleavedRatiosTest {

  @Test
  void everyBenchmarkOfTheStepsIsMeasuredInTurnsWithABaseline() {
    Set<String> benchmarks = Arrays.stream(PipelineBenchmarks.class.getMethods())
        .filter(method -> method.isAnnotationPresent(Benchmark.class)).map(Method::getName)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> paired = InterleavedRatios.PAIRS.stream().flatMap(pair -> Stream.of(pair.step(), pair.baseline()))
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(benchmarks, paired, "a benchmark added to PipelineBenchmarks needs its pair in InterleavedRatios.PAIRS");
    InterleavedRatios.PAIRS.forEach(pair -> assertTrue(pair.baseline().endsWith("Baseline") && !pair.step().endsWith("Baseline"),
        pair.name() + ": a step, then its baseline"));
  }
}
