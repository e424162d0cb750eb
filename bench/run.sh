#!/usr/bin/env bash
# Every performance figure of docs/performance.md in one run (about 12 minutes on 2 cores):
#   bench/run.sh
# JMH (each step beside its bare-Jackson baseline), the cold-start harness (10 runs per function,
# with the JVM flags template.yaml sets) and the throughput harness (20,000 events end to end).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q package -DskipTests
java -jar bench/target/benchmarks.jar -f 1 -wi 3 -w 2s -i 5 -r 2s
bench/cold-start.sh 10 -XX:+TieredCompilation -XX:TieredStopAtLevel=1
java -cp bench/target/benchmarks.jar dev.verodestination.bench.Throughput 20000
ls -l functions/*/target/vero-destination-*.jar
