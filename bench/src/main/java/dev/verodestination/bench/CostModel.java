package dev.verodestination.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Prices a traffic shape from measured invocation profiles. A function at {@code memoryMb} gets
 * {@code memoryMb / 1769} of a vCPU, so its CPU time (measured at one full core) stretches by that
 * share; the stretch is added to the wall time whole, as if none of it overlapped a network wait,
 * which overstates the duration of a batch whose users run side by side.
 */
final class CostModel {

  /** Lambda's START, END and REPORT lines in its text log format, per invocation. */
  static final int TEXT_PLATFORM_LOG_BYTES = ("START RequestId: 6f1d2c3b-4a5e-4f60-8a7b-5e2d1c0b9a87 Version: 12\n"
      + "END RequestId: 6f1d2c3b-4a5e-4f60-8a7b-5e2d1c0b9a87\n"
      + "REPORT RequestId: 6f1d2c3b-4a5e-4f60-8a7b-5e2d1c0b9a87\tDuration: 104.17 ms\tBilled Duration: 105 ms\t"
      + "Memory Size: 512 MB\tMax Memory Used: 131 MB\t\n").length();

  /**
   * Lambda's INFO lines in its JSON log format, per invocation: {@code platform.start} and {@code
   * platform.report}, with typical values. At template.yaml's default system log level, WARN, none.
   */
  static final int JSON_PLATFORM_LOG_BYTES = ("{\"time\":\"2026-12-07T06:00:00.000Z\",\"type\":\"platform.start\",\"record\":"
      + "{\"requestId\":\"6f1d2c3b-4a5e-4f60-8a7b-5e2d1c0b9a87\",\"version\":\"12\"}}\n"
      + "{\"time\":\"2026-12-07T06:00:00.105Z\",\"type\":\"platform.report\",\"record\":{\"requestId\":"
      + "\"6f1d2c3b-4a5e-4f60-8a7b-5e2d1c0b9a87\",\"metrics\":{\"durationMs\":104.17,\"billedDurationMs\":105,"
      + "\"memorySizeMB\":512,\"maxMemoryUsedMB\":131},\"status\":\"success\"}}\n").length();

  /**
   * How a stack is set up, as far as its price goes: which front door takes the HTTP requests (an
   * HTTP API bills each; a Lambda function URL bills nothing beyond the function), Lambda's own lines
   * per invocation, and whether the API writes an access-log line per request.
   */
  record Setup(String name, boolean httpApi, int platformLogBytes, boolean accessLog) {

    /** template.yaml's defaults: the HTTP API, JSON logs at system level WARN, no access log. */
    static final Setup DEFAULTS = new Setup("defaults", true, 0, false);
    /** The stack as it was before issue 32: text logs with START/END/REPORT, the access log on. */
    static final Setup BEFORE = new Setup("text logs, access log", true, TEXT_PLATFORM_LOG_BYTES, true);

    Setup withFunctionUrls() {
      return new Setup(name + ", function URLs", false, platformLogBytes, false);
    }

    Setup withSystemInfo() {
      return new Setup(name + ", LambdaSystemLogLevel=INFO", httpApi, JSON_PLATFORM_LOG_BYTES, accessLog);
    }

    Setup withAccessLog() {
      return new Setup(name + ", ApiAccessLogs=on", httpApi, platformLogBytes, httpApi);
    }
  }

  /** One line of the HTTP API's access log in template.yaml's format, with typical values. */
  static final int ACCESS_LOG_BYTES = ("{\"requestId\":\"Q2x9XgVmIAMEbXw=\",\"time\":\"29/Nov/2026:06:00:00 +0000\","
      + "\"routeKey\":\"POST /v1/batch\",\"status\":\"200\",\"responseLength\":\"16\",\"latencyMillis\":\"21\","
      + "\"integrationStatus\":\"200\",\"integrationError\":\"-\",\"sourceIp\":\"203.0.113.7\","
      + "\"userAgent\":\"analytics-node-next/latest (node.js/v22.11.0)\"}\n").length();

  /** One function's part of a shape: its profile and how many invocations one event causes. */
  record Part(InvocationProfile profile, double invocationsPerEvent, boolean behindApi, double extraSqsCallsPerInvocation) {}

  private final double sqsLatencyMs;

  CostModel(double sqsLatencyMs) {
    this.sqsLatencyMs = sqsLatencyMs;
  }

  /**
   * Billed milliseconds of one invocation at {@code memoryMb}, rounding up included on average: the
   * time measured here outside SQS calls, or the CPU time if more (the SDK's marshalling and signing
   * happen inside the calls), the stated SQS latency for each call, and the CPU time stretched.
   */
  double billedMs(InvocationProfile profile, int memoryMb) {
    double stretch = Math.max(0, AwsPrices.MB_PER_VCPU / memoryMb - 1);
    double local = Math.max(profile.wallMs() - profile.sqsMs(), profile.cpuMs());
    return local + profile.sqsCalls() * sqsLatencyMs + profile.cpuMs() * stretch + 0.5;
  }

  /** Dollars per million events at template.yaml's defaults. */
  Map<String, Double> perMillion(Part[] parts, int memoryMb) {
    return perMillion(parts, memoryMb, Setup.DEFAULTS);
  }

  /** Dollars per million events, by what they pay for, in a stable order. */
  Map<String, Double> perMillion(Part[] parts, int memoryMb, Setup setup) {
    Map<String, Double> cost = new LinkedHashMap<>();
    for (String item : new String[] {"API Gateway", "Lambda requests", "Lambda duration", "SQS", "DynamoDB", "CloudWatch Logs", "Transfer out"}) {
      cost.put(item, 0.0);
    }
    for (Part part : parts) {
      double invocations = 1e6 * part.invocationsPerEvent();
      InvocationProfile p = part.profile();
      boolean throughApi = part.behindApi() && setup.httpApi();
      if (throughApi) {
        cost.merge("API Gateway", invocations * AwsPrices.HTTP_API_PER_REQUEST, Double::sum);
      }
      cost.merge("Lambda requests", invocations * AwsPrices.LAMBDA_PER_REQUEST, Double::sum);
      cost.merge("Lambda duration", invocations * billedMs(p, memoryMb) / 1000 * memoryMb / 1024 * AwsPrices.LAMBDA_ARM_PER_GB_SECOND,
          Double::sum);
      cost.merge("SQS", invocations * (p.sqsCalls() + part.extraSqsCallsPerInvocation()) * AwsPrices.SQS_FIFO_PER_REQUEST, Double::sum);
      double logBytes = p.logBytes() + setup.platformLogBytes() + (throughApi && setup.accessLog() ? ACCESS_LOG_BYTES : 0);
      cost.merge("CloudWatch Logs", invocations * logBytes / 1e9 * AwsPrices.LOGS_PER_GB_INGESTED, Double::sum);
      cost.merge("Transfer out", invocations * p.outboundBytes() / 1e9 * AwsPrices.TRANSFER_OUT_PER_GB, Double::sum);
    }
    return cost;
  }

  static double total(Map<String, Double> cost) {
    return cost.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /** A markdown row: shape, memory, total, then each item's dollars and share. */
  static String row(String shape, int memoryMb, Map<String, Double> cost) {
    double total = total(cost);
    StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %d | **%.2f** |", shape, memoryMb, total));
    cost.forEach((item, dollars) -> row.append(String.format(Locale.ROOT, " %.3f (%.0f%%) |", dollars, 100 * dollars / total)));
    return row.toString();
  }

  static String header() {
    return "| shape | MB | $ per million events | API Gateway | Lambda requests | Lambda duration | SQS | DynamoDB | CloudWatch Logs | Transfer out |\n"
        + "|---|---|---|---|---|---|---|---|---|---|";
  }
}
