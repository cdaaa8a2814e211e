#!/usr/bin/env bash
# Infer benchmark: a synthetic Visium-HD-like slide (default 1,000,000 bins x 2,000 genes, ~100 UMIs per bin)
# through `bin/stdeconv infer` with a model trained by `stdeconv train` on 2 cores; prints spots/s and
# /usr/bin/time -v's wall time and peak RSS of the whole process.
#   bench/infer/run.sh [SPOTS] [WORK_DIR] [h5ad|visium-hd]
# h5ad (default): the slide as one CSR .h5ad; visium-hd: the same counts as a Space Ranger bin folder
# (binned_outputs/square_008um: filtered_feature_bc_matrix.h5 + spatial/tissue_positions.parquet).
# STDECONV_JAR=/path/stdeconv.jar (its lib/ beside it) runs a copy instead of target/, so rebuilds cannot disturb it.
set -euo pipefail
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
spots="${1:-1000000}"
work="${2:-${TMPDIR:-/tmp}/stdeconv-bench-infer}"
format="${3:-h5ad}"
genes=2000 depth=100 batch=4096
cd "$root"
jar="${STDECONV_JAR:-target/stdeconv.jar}"
[ -f "$jar" ] || mvn -q -B -o package -DskipTests
cp="$jar:$(dirname "$jar")/lib/*"
sd="$root/bin/stdeconv"
mkdir -p "$work" target/bench-classes
javac -q -d target/bench-classes -cp "$cp" bench/infer/*.java 2>/dev/null || javac -d target/bench-classes -cp "$cp" bench/infer/*.java

# a model of the issue's shape (2000 genes -> 512 -> 256 -> 128 -> 6 types), trained briefly on synthetic data:
# inference speed does not depend on how well it was trained
model="$work/model"
if [ ! -f "$model/model.yaml" ]; then
  echo "== training the model (demo-data with $genes genes -> simulate 2000 spots -> train, fast preset, 20 epochs)"
  "$sd" demo-data --out "$work/train-data" --genes "$genes" --seed 1
  printf 'reference: %s\noutput: %s\nn_spots: 2000\nseed: 1\n' "$work/train-data/reference.h5ad" "$work/train-data/sims.h5ad" > "$work/simulate.yaml"
  "$sd" simulate --config "$work/simulate.yaml"
  printf 'training_data: %s\nmodel_dir: %s\npreset: fast\nseed: 1\noptimization:\n  epochs: 20\n' "$work/train-data/sims.h5ad" "$model" > "$work/train.yaml"
  "$sd" train --config "$work/train.yaml"
fi

case "$format" in
  h5ad)
    slide="$work/slide_${spots}x${genes}.h5ad"
    if [ ! -f "$slide" ]; then
      echo "== generating $slide (gene names from the model's reference)"
      java -Xmx8g -cp "target/bench-classes:$cp" MakeSlide "$slide" "$spots" "$genes" "$depth" 1 "$work/train-data/reference.h5ad"
    fi
    ls -la "$slide" ;;
  visium-hd)
    slide="$work/hd_${spots}x${genes}/binned_outputs/square_008um"
    if [ ! -f "$slide/spatial/tissue_positions.parquet" ]; then
      echo "== generating $slide (gene names from the model's reference)"
      java -Xmx4g -cp "target/bench-classes:$cp" MakeHdFolder "$slide" "$spots" "$genes" "$depth" 1 "$work/train-data/reference.h5ad"
    fi
    ls -la "$slide" "$slide/spatial" ;;
  *) echo "format must be h5ad or visium-hd, got $format" >&2; exit 2 ;;
esac

printf 'model_dir: %s\nslide: %s\noutput_dir: %s\nbatch_size: %d\nthreads: 1\n' "$model" "$slide" "$work/out" "$batch" > "$work/infer.yaml"
echo "== stdeconv infer ($format): batch_size $batch, 1 prepare thread, 1 PyTorch thread, cores 0-1; machine $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), CPU $(lscpu | sed -n 's/^Model name: *//p'); commit $(git rev-parse --short HEAD)"
rm -rf "$work/out"
STDECONV_JAR="$jar" STDECONV_OPTS="-Xmx1g -XX:MaxDirectMemorySize=512m" /usr/bin/time -v taskset -c 0,1 "$sd" infer --config "$work/infer.yaml" 2> "$work/time.log" \
  || { cat "$work/time.log"; exit 1; }
grep -E "infer|WARN" "$work/time.log" | grep -v "Command being timed" || true
grep -E "Elapsed|Maximum resident|Percent of CPU|User time|System time" "$work/time.log"
wall=$(grep Elapsed "$work/time.log" | awk '{print $NF}' | awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
awk -v n="$spots" -v s="$wall" 'BEGIN { printf "spots/s (whole process, wall): %.0f\n", n / s }'
ls -la "$work/out"
