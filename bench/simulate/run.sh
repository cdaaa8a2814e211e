#!/usr/bin/env bash
# Benchmark of `stdeconv simulate`: 100k pseudo-spots of 10 cells from a synthetic 50k-cell x 20k-gene reference,
# timed with /usr/bin/time -v (wall time, peak RSS). One command from the repository root:
#   bench/simulate/run.sh            (BENCH_DIR=/tmp/stdeconv-bench-simulate, LAYOUT=paper, THREADS=2)
# The reference is generated once (Debian python3-anndata) and reused; the output is deleted afterwards.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir="${BENCH_DIR:-/tmp/stdeconv-bench-simulate}"
spots="${SPOTS:-100000}"
layout="${LAYOUT:-paper}"
threads="${THREADS:-2}"
heap="${HEAP:-7g}"
mkdir -p "$dir"
[ -f "$root/target/stdeconv.jar" ] || (cd "$root" && mvn -q -B -o package -DskipTests)
[ -f "$dir/reference.h5ad" ] || /usr/bin/python3 "$root/bench/simulate/make_reference.py" "$dir/reference.h5ad" 50000 20000
cat > "$dir/simulate.yaml" <<YAML
reference: reference.h5ad
output: out/simulated.h5ad
n_spots: $spots
threads: $threads
cells:
  mode: fixed
  n: 10
layout:
  mode: $layout
YAML
rm -rf "$dir/out"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB; load before: $(cut -d' ' -f1-3 /proc/loadavg); commit $(git -C "$root" rev-parse --short HEAD)"
STDECONV_OPTS="-Xmx$heap" /usr/bin/time -v "$root/bin/stdeconv" simulate --config "$dir/simulate.yaml" 2> "$dir/time.log" || { cat "$dir/time.log"; exit 1; }
grep -E '^\[' "$dir/time.log" || true
grep -E 'Elapsed \(wall|Maximum resident|User time|System time' "$dir/time.log"
ls -l "$dir/out/simulated.h5ad" | awk '{printf "output file: %.2f GB\n", $5 / 1e9}'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$dir/out"
