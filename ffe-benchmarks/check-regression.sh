#!/usr/bin/env bash
# Compares a quick-run JSON with the committed baseline and fails (exit 1) when any benchmark is
# more than 20 % slower, printing a table.
#   ffe-benchmarks/check-regression.sh results/2026-11-28-quick.json [baseline.json] [threshold]
# Needs target/benchmarks.jar (run.sh builds it).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
current="${1:?usage: $0 current.json [baseline.json] [threshold, default 0.20]}"
baseline="${2:-$here/baseline/quick.json}"
threshold="${3:-0.20}"
exec java -cp "$here/target/benchmarks.jar" dev.ffe.benchmarks.RegressionGuard "$baseline" "$current" "$threshold"
