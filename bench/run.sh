#!/usr/bin/env bash
# Every performance figure of docs/performance.md in one run (about 28 minutes on 2 cores):
#   bench/run.sh
# JMH (each step beside its bare-Jackson baseline, and the two in turns), the cold-start harness (10 runs per function,
# with the JVM flags template.yaml sets; it ends with the cold and restore-like ratios), the first
# HTTPS call with and without TLS priming, the
# throughput harness (20,000 events end to end), delivery against its model (events, users,
# Vero latency in ms, concurrency) and the cost of a million events (docs/cost.md: Vero, Segment and
# SQS latency in ms; the serial collector and C1, as a Lambda function under 1,792 MB runs; each
# shape under each logging option and front door) and one stack's day at 10 M events (docs/capacity.md).
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/jdk.sh
mvn -B -q package -DskipTests
# each iteration in bench/target/jmh.json: docs/performance.md reads the fastest and the median of 3 forks x 8
java -jar bench/target/benchmarks.jar PipelineBenchmarks -f 3 -wi 3 -w 2s -i 8 -r 1s -rf json -rff bench/target/jmh.json
# each step and its baseline in turns, a JVM a pair: the median of the rounds' ratios, which the load moves least
java -cp bench/target/benchmarks.jar dev.verodestination.bench.InterleavedRatios 200
java -jar bench/target/benchmarks.jar RunnerQueueBenchmarks -f 3 -wi 3 -w 2s -i 5 -r 1s -rf json -rff bench/target/jmh-runner-queue.json
bench/cold-start.sh 10 -XX:+TieredCompilation -XX:TieredStopAtLevel=1
java -cp bench/target/benchmarks.jar dev.verodestination.bench.TlsFirstCall 7 -XX:+TieredCompilation -XX:TieredStopAtLevel=1
java -cp bench/target/benchmarks.jar dev.verodestination.bench.Throughput 20000
for model in "3000 3000 100 1" "3000 3000 100 3" "6000 6000 50 3" "6000 1000 100 3"; do
  java -cp bench/target/benchmarks.jar dev.verodestination.bench.Throughput model $model
done
java -XX:+UseSerialGC -XX:+TieredCompilation -XX:TieredStopAtLevel=1 -cp bench/target/benchmarks.jar \
  dev.verodestination.bench.Cost 100 50 10
for day in "10000000 10 100 5" "10000000 10 100 15" "10000000 10 300 40" "10000000 10 100 15 500" "100000000 10 100 150"; do
  java -cp bench/target/benchmarks.jar dev.verodestination.bench.Capacity $day
done
ls -l functions/*/target/vero-destination-*.jar
