package dev.verodestination.bench;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

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

  /** A step and its baseline, by their benchmark methods' names. */
  record Pair(String step, String baseline) {

    String name() {
      return step + "/" + baseline;
    }

    Operation operation(PipelineBenchmarks benchmarks, String method) throws ReflectiveOperationException {
      Method benchmark = PipelineBenchmarks.class.getMethod(method);
      return () -> benchmark.invoke(benchmarks);
    }
  }

  /** Every step of {@link PipelineBenchmarks} with the baselines it is reported against. */
  static final List<Pair> PAIRS = List.of(
      new Pair("ingest", "ingestSameBytesBaseline"),
      new Pair("ingest", "ingestBaseline"),
      new Pair("ingestWithRules", "ingestWithRulesBaseline"),
      new Pair("deliver", "deliverBaseline"),
      new Pair("deliverWithRules", "deliverWithRulesBaseline"),
      new Pair("deliverOrder20", "deliverOrder20Baseline"),
      new Pair("webhook", "webhookSameBytesBaseline"),
      new Pair("webhook", "webhookBaseline"));

  private InterleavedRatios() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    if (args.length > 1) {
      Pair pair = PAIRS.stream().filter(p -> p.name().equals(args[1])).findFirst().orElseThrow(() -> new IllegalArgumentException(
          "no pair \"" + args[1] + "\": one of " + PAIRS.stream().map(Pair::name).toList()));
      PipelineBenchmarks benchmarks = new PipelineBenchmarks();
      benchmarks.setUp();
      measure(pair.name(), pair.operation(benchmarks, pair.step()), pair.operation(benchmarks, pair.baseline()), rounds);
      return;
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    for (Pair pair : PAIRS) {
      List<String> command = List.of(java, "-Xms512m", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
          InterleavedRatios.class.getName(), Integer.toString(rounds), pair.name());
      int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
      if (exit != 0) {
        throw new IllegalStateException(pair.name() + " exited with " + exit);
      }
    }
  }

  private static void measure(String name, Operation step, Operation baseline, int rounds) throws Exception {
    long sink = 0;
    long warmUpEnd = System.nanoTime() + WARM_UP_NANOS;
    while (System.nanoTime() < warmUpEnd) {
      sink += slice(step, 1_000).sink() + slice(baseline, 1_000).sink();
    }
    int operations = operationsPerSlice(baseline);
    double[] ratios = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      Slice stepSlice;
      Slice baselineSlice;
      if (round % 2 == 0) {
        stepSlice = slice(step, operations);
        baselineSlice = slice(baseline, operations);
      } else {
        baselineSlice = slice(baseline, operations);
        stepSlice = slice(step, operations);
      }
      sink += stepSlice.sink() + baselineSlice.sink();
      ratios[round] = (double) stepSlice.nanos() / baselineSlice.nanos();
    }
    Arrays.sort(ratios);
    System.out.printf(Locale.ROOT, "%-42s median %.3f (quartiles %.3f–%.3f) over %d rounds of %d operations each [%d]%n",
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
