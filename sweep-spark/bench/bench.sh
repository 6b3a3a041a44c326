#!/usr/bin/env bash
# Benchmark of the sweep executors: the 1 000-run sweep short-sweep.yaml on the local pool and on embedded Spark,
# with 1 and 2 slots, and 10-run versions of the sweep for the fixed costs, in alternating order (ROUNDS rounds). Not a test: the numbers go into README.md.
# Usage: sweep-spark/bench/bench.sh [ROUNDS]   (about 1-2 minutes per sweep on 2 cores)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
FILE="$ROOT/sweep-spark/bench/short-sweep.yaml"
OUT="${BENCH_OUT:-$(mktemp -d)}"
ROUNDS="${1:-1}"
"$ROOT/seawall-sim" --version >/dev/null # build first, outside the timings
for round in $(seq "$ROUNDS"); do
  # The 10-run sweeps (repetitions=1) measure what does not grow with the run count (JVM, Spark start).
  for cfg in "--jobs 2" "--spark local[2]" "--jobs 1" "--spark local[1]" "--jobs 2 --set repetitions=1" \
      "--spark local[2] --set repetitions=1"; do
    rm -rf "$OUT/sweep" "$OUT/line"
    # Wall time and CPU time (user + system) of the whole process: on a shared machine the CPU time is the steadier.
    # shellcheck disable=SC2086
    times=$( { TIMEFORMAT='%R %U %S'; time "$ROOT/seawall-sim" sweep "$FILE" $cfg --no-plots --quiet \
        --out "$OUT/sweep" >"$OUT/line" 2>/dev/null; } 2>&1 )
    read -r wall user sys <<<"$times"
    printf 'round %s  %-38s  process wall %6.1f s  cpu %6.1f s  |  %s\n' "$round" "$cfg" "$wall" \
        "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$(head -1 "$OUT/line")"
  done
done
rm -rf "$OUT/sweep" "$OUT/line"
