package dev.verodestination.bench;

/**
 * AWS list prices in US East (N. Virginia), as published on the services' pricing pages and read on
 * 2026-11-29; docs/cost.md names the pages. Each is dollars per unit.
 */
final class AwsPrices {

  static final String AS_OF = "2026-11-29, us-east-1, list prices";

  /** Lambda on arm64, the first 7.5 billion GB-seconds of a month. */
  static final double LAMBDA_ARM_PER_GB_SECOND = 0.0000133334;
  static final double LAMBDA_PER_REQUEST = 0.20 / 1e6;
  /** HTTP API, the first 300 million requests of a month, each metered in 512 KB steps. */
  static final double HTTP_API_PER_REQUEST = 1.00 / 1e6;
  /** FIFO queue; each 64 KB of a request's payload is one request. */
  static final double SQS_FIFO_PER_REQUEST = 0.50 / 1e6;
  /** On demand, since the price cut of November 2024. */
  static final double DYNAMODB_PER_WRITE_UNIT = 0.625 / 1e6;
  static final double DYNAMODB_PER_READ_UNIT = 0.125 / 1e6;
  /** Standard log class; Lambda's own logs, the first 10 TB of a month. */
  static final double LOGS_PER_GB_INGESTED = 0.50;
  /** Out to the internet, the first 10 TB of a month (the first 100 GB are free). */
  static final double TRANSFER_OUT_PER_GB = 0.09;

  /** One vCPU's worth of CPU per second: Lambda gives CPU in proportion to memory. */
  static final double MB_PER_VCPU = 1769;

  private AwsPrices() {}
}
