package dev.verodestination.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Each of {@link PipelineBenchmarks}' steps against its baseline, the two run in turns: a slice of
 * each every round, the order swapped each round, so that the neighbours' load (which moves a JMH
 * run's mean by a third from one benchmark to the next) falls on both alike. Prints the median of the
 * rounds' ratios and its quartiles, beside JMH's same-run figures. Each pair runs in a JVM of its own,
 * as JMH forks one per benchmark, so that no other step's code shares its compiled profile.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.verodestination.bench.InterleavedRatios [rounds [pair]]</pre>
 */
public final class InterleavedRatios {

  private static final long SLICE_NANOS = 20_000_000;
  private static final long WARM_UP_NANOS = 6_000_000_000L;

  private interface Operation {
    Object run() throws Exception;
  }

  private record Pair(Operation step, Operation baseline) {}

  private InterleavedRatios() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    PipelineBenchmarks benchmarks = new PipelineBenchmarks();
    Map<String, Pair> pairs = pairs(benchmarks);
    if (args.length > 1) {
      Pair pair = pairs.get(args[1]);
      if (pair == null) {
        throw new IllegalArgumentException("no pair \"" + args[1] + "\": one of " + pairs.keySet());
      }
      benchmarks.setUp();
      measure(args[1], pair, rounds);
      return;
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    for (String name : pairs.keySet()) {
      List<String> command = new ArrayList<>(List.of(java, "-Xms512m", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
          InterleavedRatios.class.getName(), Integer.toString(rounds), name));
      int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
      if (exit != 0) {
        throw new IllegalStateException(name + " exited with " + exit);
      }
    }
  }

  private static Map<String, Pair> pairs(PipelineBenchmarks b) {
    Map<String, Pair> pairs = new LinkedHashMap<>();
    pairs.put("ingest/same-bytes", new Pair(b::ingest, b::ingestSameBytesBaseline));
    pairs.put("ingest/round-trip", new Pair(b::ingest, b::ingestBaseline));
    pairs.put("ingest-with-rules/round-trip", new Pair(b::ingestWithRules, b::ingestWithRulesBaseline));
    pairs.put("deliver/round-trip", new Pair(b::deliver, b::deliverBaseline));
    pairs.put("deliver-with-rules/same-bytes", new Pair(b::deliverWithRules, b::deliverWithRulesBaseline));
    pairs.put("deliver-order-20/same-bytes", new Pair(b::deliverOrder20, b::deliverOrder20Baseline));
    pairs.put("webhook/same-bytes", new Pair(b::webhook, b::webhookSameBytesBaseline));
    pairs.put("webhook/round-trip", new Pair(b::webhook, b::webhookBaseline));
    return pairs;
  }

  private static void measure(String name, Pair pair, int rounds) throws Exception {
    long sink = 0;
    long warmUpEnd = System.nanoTime() + WARM_UP_NANOS;
    while (System.nanoTime() < warmUpEnd) {
      sink += slice(pair.step(), 1_000).sink() + slice(pair.baseline(), 1_000).sink();
    }
    int operations = operationsPerSlice(pair.baseline());
    double[] ratios = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      Slice step;
      Slice baseline;
      if (round % 2 == 0) {
        step = slice(pair.step(), operations);
        baseline = slice(pair.baseline(), operations);
      } else {
        baseline = slice(pair.baseline(), operations);
        step = slice(pair.step(), operations);
      }
      sink += step.sink() + baseline.sink();
      ratios[round] = (double) step.nanos() / baseline.nanos();
    }
    Arrays.sort(ratios);
    System.out.printf(Locale.ROOT, "%-30s median %.3f (quartiles %.3f–%.3f) over %d rounds of %d operations each [%d]%n",
        name, ratios[rounds / 2], ratios[rounds / 4], ratios[rounds * 3 / 4], rounds, operations, sink & 1);
  }

  private record Slice(long nanos, long sink) {}

  private static Slice slice(Operation operation, int times) throws Exception {
    long sink = 0;
    long start = System.nanoTime();
    for (int i = 0; i < times; i++) {
      // identity, not hashCode: a plan's hashCode would hash every message's text, which the baseline has not
      sink += System.identityHashCode(operation.run());
    }
    return new Slice(System.nanoTime() - start, sink);
  }

  /** How many of the baseline's operations fill a slice: long enough for the clock, short enough for many rounds. */
  private static int operationsPerSlice(Operation baseline) throws Exception {
    Slice probe = slice(baseline, 100);
    return (int) Math.max(1, SLICE_NANOS * 100 / Math.max(1, probe.nanos()));
  }
}
