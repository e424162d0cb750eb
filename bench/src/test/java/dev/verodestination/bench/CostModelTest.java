package dev.verodestination.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The arithmetic docs/cost.md rests on, on profiles whose every figure is chosen. */
class CostModelTest {

  private final CostModel model = new CostModel(10);

  @Test
  void theSqsTimeMeasuredHereGivesWayToTheStatedLatencyAndTheCpuTimeStretchesWithLessMemory() {
    InvocationProfile ingest = new InvocationProfile("ingest", 1, 150, 140, 20, 0, 0, 10);
    // outside the SQS calls 10 ms passed but 20 ms of CPU ran: the SDK works inside the calls
    assertEquals(20 + 100 + 0.5, model.billedMs(ingest, 1769), 1e-9);
    assertEquals(20 + 100 + 20 * (1769 / 256.0 - 1) + 0.5, model.billedMs(ingest, 256), 1e-9);
    InvocationProfile deliver = new InvocationProfile("deliver", 1, 105, 0, 6, 0, 0, 0);
    assertEquals(105 + 6 * (1769 / 512.0 - 1) + 0.5, model.billedMs(deliver, 512), 1e-9);
    assertEquals(105.5, model.billedMs(deliver, 4096), 1e-9, "more than a vCPU does not make it faster");
  }

  @Test
  void aMillionEventsInBatchesOfTenPayEachServiceItsShare() {
    InvocationProfile deliver = new InvocationProfile("deliver", 1, 99.5, 0, 0, 738, 1000, 0);
    Map<String, Double> cost = model.perMillion(new CostModel.Part[] {new CostModel.Part(deliver, 0.1, false, 2)}, 1024);
    assertEquals(0, cost.get("API Gateway"), 1e-12);
    assertEquals(100_000 * 0.20 / 1e6, cost.get("Lambda requests"), 1e-12);
    assertEquals(100_000 * 0.1 * 1.0 * 0.0000133334, cost.get("Lambda duration"), 1e-12);
    assertEquals(100_000 * 2 * 0.50 / 1e6, cost.get("SQS"), 1e-12);
    assertEquals(100_000 * 738.0 / 1e9 * 0.50, cost.get("CloudWatch Logs"), 1e-12, "at the defaults, none of Lambda's own lines");
    assertEquals(100_000 * 1000 / 1e9 * 0.09, cost.get("Transfer out"), 1e-12);
    assertEquals(cost.values().stream().mapToDouble(Double::doubleValue).sum(), CostModel.total(cost), 1e-12);
  }

  @Test
  void aRequestThroughTheApiPaysTheGatewayAndWhenAskedItsAccessLogLine() {
    InvocationProfile ingest = new InvocationProfile("ingest", 1, 0, 0, 0, 0, 0, 1);
    CostModel.Part[] parts = {new CostModel.Part(ingest, 1, true, 0)};
    Map<String, Double> defaults = model.perMillion(parts, 256);
    assertEquals(1.00, defaults.get("API Gateway"), 1e-12);
    assertEquals(0, defaults.get("CloudWatch Logs"), 1e-12);
    assertEquals(0.50, defaults.get("SQS"), 1e-12);
    Map<String, Double> before = model.perMillion(parts, 256, CostModel.Setup.BEFORE);
    assertEquals(1e6 * (CostModel.TEXT_PLATFORM_LOG_BYTES + CostModel.ACCESS_LOG_BYTES) / 1e9 * 0.50, before.get("CloudWatch Logs"), 1e-12);
    Map<String, Double> info = model.perMillion(parts, 256, CostModel.Setup.DEFAULTS.withSystemInfo().withAccessLog());
    assertEquals(1e6 * (CostModel.JSON_PLATFORM_LOG_BYTES + CostModel.ACCESS_LOG_BYTES) / 1e9 * 0.50, info.get("CloudWatch Logs"), 1e-12);
  }

  @Test
  void behindFunctionUrlsNoRequestPaysTheGatewayOrAnAccessLog() {
    InvocationProfile ingest = new InvocationProfile("ingest", 1, 0, 0, 0, 0, 0, 1);
    Map<String, Double> cost = model.perMillion(new CostModel.Part[] {new CostModel.Part(ingest, 1, true, 0)}, 512,
        CostModel.Setup.DEFAULTS.withAccessLog().withFunctionUrls());
    assertEquals(0, cost.get("API Gateway"), 1e-12);
    assertEquals(0, cost.get("CloudWatch Logs"), 1e-12);
    assertEquals(0.20, cost.get("Lambda requests"), 1e-12);
  }
}
