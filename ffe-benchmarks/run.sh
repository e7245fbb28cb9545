#!/usr/bin/env bash
# Builds the benchmark jar against the current reactor code and runs JMH.
#   ffe-benchmarks/run.sh quick   # one fork, short iterations, subset of sizes: a few minutes on 2 cores
#   ffe-benchmarks/run.sh full    # every benchmark, 2 forks x 5 x 2 s: real numbers (about an hour)
# Extra arguments are JMH include regexes, e.g. run.sh quick '\.Chain100Benchmark\.'
# Results: ffe-benchmarks/results/<UTC date>-<mode>.json (JMH JSON, GC profiler on).
# Compare with the baseline: ffe-benchmarks/check-regression.sh results/<file>.json
set -euo pipefail
mode="${1:-}"
case "$mode" in
  quick|full) shift ;;
  *) echo "usage: $0 quick|full [include-regex...]" >&2; exit 2 ;;
esac
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q -pl ffe-benchmarks -am package -DskipTests -Djacoco.skip=true -Dspotless.check.skip=true
fi
mkdir -p "$here/results"
out="$here/results/$(date -u +%F)-$mode.json"
exec java -cp "$here/target/benchmarks.jar" dev.ffe.benchmarks.BenchmarkMain "$mode" "$out" "$@"
