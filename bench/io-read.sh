#!/usr/bin/env bash
# h5ad read benchmark (issue 2): a 20k cells x 20k genes, 5%-dense CSR h5ad written by our H5adWriter, read by
# stdeconv's H5adReader and by Debian's anndata (read_h5ad) on the same file. Prints read times, the ratio
# ours / anndata (goal <= 1.0) and our peak heap against the size of the CSR arrays; record them in
# docs/benchmarks/io.md. Usage: bench/io-read.sh [ROUNDS]   (BENCH_DIR sets where the 160 MB file goes)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
work="${BENCH_DIR:-${TMPDIR:-/tmp}/stdeconv-bench}"
mkdir -p "$work"
mvn -q -B -o package -DskipTests
mvn -q -B -o test-compile
cp="target/classes:target/test-classes:target/lib/*"
java=(java -Xss4m -XX:+UseParallelGC -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$cp" org.stdeconv.bench.H5adReadBenchmark)
big="$work/csr20k.h5ad" small="$work/csr200.h5ad"
[ -f "$big" ] || "${java[@]}" generate "$big" 20000 20000 0.05
[ -f "$small" ] || "${java[@]}" generate "$small" 200 200 0.05

py_read() {
  /usr/bin/python3 -W ignore - "$1" <<'PY'
import sys, time
import anndata
f = sys.argv[1]
ts = []
for i in range(5):
    t = time.perf_counter(); a = anndata.read_h5ad(f); ts.append(time.perf_counter() - t)
    del a
print("anndata first_s=%.3f best_s=%.3f" % (ts[0], min(ts)))
PY
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1), anndata $(/usr/bin/python3 -c 'import anndata; print(anndata.__version__)' 2>/dev/null)"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  commit: $(git rev-parse --short HEAD 2>/dev/null || echo none)  load: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$rounds"); do
  echo "round $r"
  echo "  cold      $("${java[@]}" read "$big" 5)"
  echo "  warmed-up $("${java[@]}" read "$big" 1 "$small")"
  echo "  $(py_read "$big")"
done
# the heap a read needs: the smallest -Xmx (20 MB steps, the launcher's ParallelGC) under which the read succeeds;
# the CSR arrays alone are 160 MB
for mb in $(seq 180 20 400); do
  if java -Xmx${mb}m -XX:+UseParallelGC -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$cp" org.stdeconv.bench.H5adReadBenchmark read "$big" 1 >/dev/null 2>&1; then
    echo "smallest heap that reads it: -Xmx${mb}m"; break
  fi
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
