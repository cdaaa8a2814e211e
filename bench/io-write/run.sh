#!/usr/bin/env bash
# h5ad write benchmark: a simulate-sized output (default 100,000 spots x 20,000 genes, 3,856 non-zeros per spot =
# 385.6 M, as bench/simulate produces) written three ways, each in its own JVM under /usr/bin/time -v:
#   stream  rows drawn block by block into StreamingH5adWriter (the matrix never exists in memory), -Xmx$STREAM_HEAP
#   whole   matrix built in memory, then H5adWriter.write (the same streaming writer fed at once), -Xmx$HEAP
#   jhdf    matrix built in memory, then the previous jhdf 0.13 writer (bench/io-write/JhdfH5adWriter.java), -Xmx$HEAP
# First a small run checks that the three files hold the same content (h5py). Prints write time and peak RSS.
#   bench/io-write/run.sh [SPOTS]        (BENCH_DIR, HEAP=9g, STREAM_HEAP=256m, MODES="stream whole jhdf")
set -euo pipefail
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
spots="${1:-100000}" genes=20000 per_row=3856
work="${BENCH_DIR:-${TMPDIR:-/tmp}/stdeconv-bench-io-write}"
heap="${HEAP:-9g}" stream_heap="${STREAM_HEAP:-256m}"
cd "$root"
[ -f target/stdeconv.jar ] || mvn -q -B -o package -DskipTests
cp="target/stdeconv.jar:target/lib/*"
mkdir -p "$work" target/bench-classes
javac -d target/bench-classes -cp "$cp" bench/io-write/*.java
java=(java -XX:+UseParallelGC -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "target/bench-classes:$cp")

echo "== same content from all three writers (2,000 spots)"
for m in stream whole jhdf; do rm -f "$work/small-$m.h5ad"; "${java[@]}" -Xmx1g WriteBench "$m" "$work/small-$m.h5ad" 2000 "$genes" "$per_row" > /dev/null; done
/usr/bin/python3 - "$work"/small-{stream,whole,jhdf}.h5ad <<'PY'
import sys, h5py, numpy as np
files = [h5py.File(f, "r") for f in sys.argv[1:]]
names = []
files[0].visit(names.append)
for f in files[1:]:
    other = []
    f.visit(other.append)
    assert sorted(other) == sorted(names), (other, names)
for n in names:
    if isinstance(files[0][n], h5py.Dataset):
        for f in files[1:]:
            assert np.array_equal(files[0][n][()], f[n][()]), n
print("identical datasets:", sum(isinstance(files[0][n], h5py.Dataset) for n in names))
PY
cmp "$work/small-stream.h5ad" "$work/small-whole.h5ad" && echo "stream and whole: identical bytes"
rm -f "$work"/small-*.h5ad

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB; commit $(git rev-parse --short HEAD); $spots spots x $genes genes, $per_row non-zeros per spot"
for m in ${MODES:-stream whole jhdf}; do
  h="$heap"; [ "$m" = stream ] && h="$stream_heap"
  echo "== $m (-Xmx$h), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  rm -f "$work/out.h5ad"
  /usr/bin/time -v "${java[@]}" "-Xmx$h" WriteBench "$m" "$work/out.h5ad" "$spots" "$genes" "$per_row" 2> "$work/time-$m.log" \
    || { cat "$work/time-$m.log"; exit 1; }
  grep -E 'Elapsed \(wall|Maximum resident|User time|System time' "$work/time-$m.log"
  rm -f "$work/out.h5ad"
done
