#!/usr/bin/env bash
# Infer benchmark: a synthetic Visium-HD-like slide (default 1,000,000 bins x 2,000 genes, ~100 UMIs per bin)
# through infer's code path on 2 cores; prints spots/s and /usr/bin/time -v's peak RSS.
#   bench/infer/run.sh [SPOTS] [WORK_DIR]
set -euo pipefail
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
spots="${1:-1000000}"
work="${2:-${TMPDIR:-/tmp}/stdeconv-bench-infer}"
genes=2000 depth=100 batch=4096 threads=1
cd "$root"
[ -f target/stdeconv.jar ] || mvn -q -B -o package -DskipTests
cp="target/stdeconv.jar:target/lib/*"
mkdir -p "$work" target/bench-classes
javac -q -d target/bench-classes -cp "$cp" bench/infer/*.java 2>/dev/null || javac -d target/bench-classes -cp "$cp" bench/infer/*.java
slide="$work/slide_${spots}x${genes}.h5ad"
if [ ! -f "$slide" ]; then
  echo "== generating $slide (whole file in memory once)"
  java -Xmx8g -cp "target/bench-classes:$cp" MakeSlide "$slide" "$spots" "$genes" "$depth" 1
fi
ls -la "$slide"
echo "== infer: batch_size $batch, $threads prepare thread, 1 PyTorch thread, 2 cores"
export DJL_OFFLINE=true DJL_CACHE_DIR="${DJL_CACHE_DIR:-$HOME/.cache/stdeconv/djl}"
rm -rf "$work/out"
/usr/bin/time -v taskset -c 0,1 java -Xmx1g -XX:MaxDirectMemorySize=512m -XX:+UseParallelGC -Dai.djl.offline=true \
  -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
  -cp "target/bench-classes:$cp" InferBench "$slide" "$work/out" "$batch" "$threads" 2> "$work/time.log" || { cat "$work/time.log"; exit 1; }
grep -E "InferBench|infer:|WARN" "$work/time.log" || true
grep -E "Elapsed|Maximum resident|Percent of CPU" "$work/time.log"
ls -la "$work/out"
