#!/usr/bin/env bash
# Benchmark of qc's informative-gene selection (Welch t-test per type against the rest + BH) on synthetic counts:
# default 100,000 cells x 20,000 genes, 5% dense, 20 types, pinned to 2 cores; prints the selection time and
# /usr/bin/time -v's wall time and peak RSS (which includes the ~0.8 GB CSR matrix itself).
#   bench/qc-ttest/run.sh [CELLS] [GENES] [DENSITY]
set -euo pipefail
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cells="${1:-100000}" genes="${2:-20000}" density="${3:-0.05}"
cd "$root"
[ -f target/stdeconv.jar ] || mvn -q -B -o package -DskipTests
cp="target/stdeconv.jar:target/lib/*"
mkdir -p target/bench-classes
javac -d target/bench-classes -cp "$cp" bench/qc-ttest/QcTtestBench.java
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
echo "== $(date -u +%FT%TZ) commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo '+dirty'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -v taskset -c 0,1 java -Xmx3g -XX:+UseParallelGC -cp "target/bench-classes:$cp" QcTtestBench "$cells" "$genes" "$density" 2> "$log" \
  || { cat "$log"; exit 1; }
grep -E "Elapsed|Maximum resident|Percent of CPU" "$log"
