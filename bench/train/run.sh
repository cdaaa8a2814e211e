#!/usr/bin/env bash
# Benchmark of stdeconv train on the ST-deconv paper's protocol (see docs/benchmarks/train.md).
#   bench/train/run.sh [fast|paper|both] [OUT_DIR]      (extra keys: TRAIN_SET="--set key=value ...")
# Converts the published CARD-simulated MOB sets (restricted to the paper's t-test gene list, bench/train/paper_genes.txt)
# to .h5ad, trains on set 01 (fold 0 of KFold(5, shuffle, 42) held out, target mob_rep12), then 0X -> 3X for X = 2..5.
set -euo pipefail
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
which="${1:-both}"
out="$(mkdir -p "${2:-/tmp/stdeconv-bench-train}" && cd "${2:-/tmp/stdeconv-bench-train}" && pwd)"
data="${STDECONV_SHARED_DATA:-$root/../shared/data}"
cd "$root"
mvn -q -B -o package -DskipTests && mvn -q -B -o test-compile
cp="target/classes:target/test-classes:target/lib/*"
# the environment and JVM flags bin/stdeconv gives a training run (reproducible matrix products, glibc keeping freed
# tensor memory); training uses every core (train's default threads: 0; the parameters do not depend on it)
# shellcheck source=bin/stdeconv-env.sh
source bin/stdeconv-env.sh
jvm=("${STDECONV_JVM_FLAGS[@]}" -Dstdeconv.quiet=false)
if [ ! -f "$out/sets/set35.h5ad" ]; then
  java -cp "$cp" org.stdeconv.bench.ConvertCardSims "$data/mob/card_sims_stdeconv" "$out/sets" bench/train/paper_genes.txt 01 02 03 04 05 32 33 34 35
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg); commit $(git rev-parse --short HEAD)"
for p in fast paper; do
  [ "$which" = both ] || [ "$which" = "$p" ] || continue
  sets="1 2 3 4 5"; [ "$p" = paper ] && sets="${PAPER_SETS:-1}"
  # shellcheck disable=SC2086
  java "${jvm[@]}" -cp "$cp" org.stdeconv.bench.TrainBenchmark "$out/sets" "$data/mob/mob_rep12.h5ad" "$out/$p" "$p" $sets ${TRAIN_SET:-}
done
