#!/usr/bin/env bash
# Cold-start harness (docs/performance.md). Usage, from anywhere:
#   bench/cold-start.sh [runs=10] [JVM flags for the function JVMs...]
# e.g. bench/cold-start.sh 10 -XX:+TieredCompilation -XX:TieredStopAtLevel=1
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/jdk.sh
if [ ! -f bench/target/benchmarks.jar ]; then
  mvn -B -q package -DskipTests
fi
exec java -cp bench/target/benchmarks.jar dev.verodestination.bench.ColdStart "$@"
