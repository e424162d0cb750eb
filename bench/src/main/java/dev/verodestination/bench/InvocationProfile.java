package dev.verodestination.bench;

import dev.verodestination.testing.FakeHttpServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * What one invocation of a function costs on average, measured here: wall time (with the stand-ins'
 * stated latency), CPU time at one full core, bytes of log it writes, bytes it sends out of AWS (to
 * Vero or Segment), and the SQS calls it makes with the time they took here (ElasticMQ on the same
 * machine), so that a stated SQS latency can take its place.
 */
record InvocationProfile(String name, int invocations, double wallMs, double sqsMs, double cpuMs, double logBytes,
    double outboundBytes, double sqsCalls) {

  /** Runs {@code invoke} {@code warmUp} times, then {@code invocations} times measured. */
  static InvocationProfile measure(String name, int warmUp, int invocations, IntConsumer invoke, LongSupplier logBytes,
      SqsCalls sqsCalls, List<FakeHttpServer> outbound) {
    for (int i = 0; i < warmUp; i++) {
      invoke.accept(i);
    }
    outbound.forEach(FakeHttpServer::clear);
    sqsCalls.clear();
    long logBefore = logBytes.getAsLong();
    FunctionCpu cpuBefore = FunctionCpu.snapshot();
    long wall = 0;
    for (int i = 0; i < invocations; i++) {
      long started = System.nanoTime();
      invoke.accept(warmUp + i);
      wall += System.nanoTime() - started;
    }
    long cpu = FunctionCpu.snapshot().nanosSince(cpuBefore);
    long sent = outbound.stream().flatMap(server -> server.received().stream()).mapToLong(InvocationProfile::wireBytes).sum();
    return new InvocationProfile(name, invocations, wall / 1e6 / invocations, sqsCalls.nanos() / 1e6 / invocations,
        cpu / 1e6 / invocations, (double) (logBytes.getAsLong() - logBefore) / invocations, (double) sent / invocations,
        (double) sqsCalls.count() / invocations);
  }

  /** Request line, headers and body as they go over the wire (before TLS, which adds a few percent). */
  private static long wireBytes(FakeHttpServer.Recorded request) {
    long bytes = request.method().length() + request.path().length() + 12L + request.body().getBytes(StandardCharsets.UTF_8).length;
    for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
      for (String value : header.getValue()) {
        bytes += header.getKey().length() + value.length() + 4L;
      }
    }
    return bytes;
  }

  String line() {
    return String.format(Locale.ROOT,
        "profile=\"%s\" invocations=%d wall_ms=%.2f local_sqs_ms=%.2f cpu_ms=%.3f log_bytes=%.0f outbound_bytes=%.0f sqs_calls=%.2f",
        name, invocations, wallMs, sqsMs, cpuMs, logBytes, outboundBytes, sqsCalls);
  }
}
