#!/usr/bin/env bash
# Accuracy protocols of issue 9 on the real data in ../shared/data, driven through the stdeconv CLI exactly as a
# user would run it. Writes one row per (protocol, data set, method, seed, metric) to $OUT/results.tsv and prints
# the mean and spread over seeds (summarise.awk).
#   bench/accuracy/run.sh [OUT_DIR]
# Environment: SEEDS (default "1 2 3"), PRESETS (default "fast paper"), PROTOCOLS (default "starmap card tissue"),
#              SIM_SPOTS (pseudo-spots per model, default 20000: simulate's default since session 16, which fast's two
#              networks share out), STDECONV_SHARED_DATA (default ../shared/data),
#              TRAIN_SET (extra train overrides, e.g. "--set optimization.epochs=5" for a smoke run),
#              SIMULATE_SET (extra simulate overrides, e.g. "--set platform_effect=bulk"),
#              INFER_SET (extra infer overrides, e.g. "--set spatial_smoothing=auto"),
#              CARD_XY (default "false true": the card protocol without and with the paper's (x, y) append),
#              STARMAP_DEPTH (default "quantile none": STARmap pseudo-spots depth-matched to the slide, and not),
#              TISSUES (default "pdac mob": which tissue protocols to run; two runs with one each can share a machine),
#              CARD_FOLDS (which folds of each card set to hold out; default "0 1 2 3 4" for fast, "0" for paper; all
#              five add a set0X_cv5 row).
# Protocols:
#   starmap  reference -> simulate -> train -> infer on spots_truth.h5ad -> evaluate (truth; NNLS baseline)
#   card     the authors' CARD-simulated MOB sets: 5-fold cross-validation within each 0X (KFold(5, shuffle, 42); each
#            fold's held-out RMSE, and their mean as set0X_cv5; fold 0 is the authors' own split) and the fold-0 model
#            tested on the distinct external set 3X for X = 2..5, with and without the paper's (x, y) append.
#            01 -> 31 is never used: the two files are byte-identical.
#   tissue   PDAC: reference -> qc -> simulate -> train -> infer on the slide -> evaluate by region (purity, ARI,
#            marker correlation); MOB: train on card_sim_truth.h5ad (labelled spots), infer on mob_layers.h5ad,
#            evaluate by layer (purity; the paper reports 0.68).
set -euo pipefail
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$(mkdir -p "${1:-/tmp/stdeconv-bench-accuracy}" && cd "${1:-/tmp/stdeconv-bench-accuracy}" && pwd)"
data="${STDECONV_SHARED_DATA:-$root/../shared/data}"
seeds="${SEEDS:-1 2 3}"; presets="${PRESETS:-fast paper}"; protocols="${PROTOCOLS:-starmap card tissue}"
sim_spots="${SIM_SPOTS:-20000}"
sd="$root/bin/stdeconv"
[ -d "$data" ] || { echo "skipped: no real data at $data (set STDECONV_SHARED_DATA)"; exit 0; }
[ -f "$root/target/stdeconv.jar" ] || (cd "$root" && mvn -q -B package -DskipTests)
results="$out/results.tsv"
[ -f "$results" ] || printf 'protocol\tdataset\tmethod\tseed\tmetric\tvalue\tseconds\n' > "$results"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo); commit $(git -C "$root" rev-parse --short HEAD); $(date -u +%FT%TZ); load $(cut -d' ' -f1-3 /proc/loadavg)"

run() { # quiet unless it fails
  local log="$1"; shift
  if ! "$@" > "$log" 2>&1; then echo "FAILED: $* (log $log)"; tail -5 "$log"; return 1; fi
}

# Adds rows from an evaluate metrics.tsv: overall RMSE, mean JSD, mean per-type Pearson, purity, ARI, marker r
record() { # protocol dataset label seed metrics.tsv seconds
  awk -F'\t' -v p="$1" -v d="$2" -v label="$3" -v s="$4" -v secs="$6" '
    NR == 1 { for (j = 3; j <= NF; j++) method[j] = $j; next }
    { for (j = 3; j <= NF; j++) {
        m = (method[j] == "stdeconv") ? label : method[j]
        if ($4 == "NA" || $j == "NA") continue
        if ($1 == "rmse" && $2 == "all") out[m, "rmse"] = $j
        if ($1 == "mean_jensen_shannon") out[m, "jsd"] = $j
        if ($1 == "pearson") { ps[m] += $j; pn[m]++ }
        if ($1 == "cluster_purity" || $1 == "adjusted_rand_index" || $1 == "marker_correlation_mean") out[m, $1] = $j
        seen[m] = 1 } }
    END { for (m in seen) {
        t = (m == label) ? secs : ""
        if (pn[m]) out[m, "mean_pearson"] = ps[m] / pn[m]
        for (k in out) { split(k, kk, SUBSEP); if (kk[1] == m) printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", p, d, m, s, kk[2], out[k], t } } }
  ' "$5" >> "$results"
}

# reference spots model-dir preset seed extra-train-args... : simulate -> train; echo seconds
train_on_reference() {
  local ref="$1" target="$2" dir="$3" preset="$4" seed="$5"; shift 5
  local t0; t0=$(date +%s)
  run "$dir/simulate.log" "$sd" simulate --set reference="$ref" --set output="$dir/pseudo.h5ad" --set n_spots="$sim_spots" \
      --set seed="$seed" ${sim_target---set target_slide=$target} ${SIMULATE_SET:-}
  run "$dir/train.log" "$sd" train --set training_data="$dir/pseudo.h5ad" --set target="$target" --set model_dir="$dir/model" \
      --set preset="$preset" --set seed="$seed" "$@" ${TRAIN_SET:-}
  echo $(( $(date +%s) - t0 ))
}

for protocol in $protocols; do
  case $protocol in
  starmap)
    # depth matching to the slide is simulate's default when a target slide is given (as in the pipeline); the
    # STARmap spots are sums of the reference's own cells, so it is also run without (simulate given no target_slide)
    for seed in $seeds; do for preset in $presets; do for depth in ${STARMAP_DEPTH:-quantile none}; do
      label="stdeconv_$preset"; dir="$out/starmap/$preset-$seed"; unset sim_target
      # without target_slide, simulate does no depth matching (the slide is still the training target)
      if [ "$depth" = none ]; then label+="_nodepth"; dir="$out/starmap/$preset-nodepth-$seed"; sim_target=""; fi
      mkdir -p "$dir"
      [ -f "$dir/eval/metrics.tsv" ] && continue
      secs=$(train_on_reference "$data/starmap/reference.h5ad" "$data/starmap/spots_truth.h5ad" "$dir" "$preset" "$seed") || continue
      run "$dir/infer.log" "$sd" infer --set model_dir="$dir/model" --set slide="$data/starmap/spots_truth.h5ad" --set output_dir="$dir/infer" ${INFER_SET:-} || continue
      run "$dir/evaluate.log" "$sd" evaluate --set predictions="$dir/infer/proportions.tsv" --set truth="$data/starmap/spots_truth.h5ad" \
          --set reference="$data/starmap/reference.h5ad" --set output_dir="$dir/eval" || continue
      record starmap starmap "$label" "$seed" "$dir/eval/metrics.tsv" "$secs"
      echo "starmap $label seed $seed: $(awk -F'\t' '$1=="rmse" && $2=="all" {print "RMSE stdeconv " $3 ", NNLS " $4}' "$dir/eval/metrics.tsv") (${secs} s)"
    done; done; done; unset sim_target ;;
  card)
    sets="$out/card/sets"; mkdir -p "$sets"
    for x in 1 2 3 4 5; do for pre in 0 3; do
      n="${pre}${x}"; [ "$n" = 31 ] && continue
      [ -f "$sets/set$n.h5ad" ] || run "$sets/convert$n.log" "$sd" convert "$data/mob/card_sims_stdeconv/pseudo_data_$n.csv.gz" "$sets/set$n.h5ad" \
          --truth "$data/mob/card_sims_stdeconv/pseudo_data_ratio_$n.csv.gz"
    done; done
    for seed in $seeds; do for preset in $presets; do for xy in ${CARD_XY:-false true}; do for x in 1 2 3 4 5; do
      dir="$out/card/$preset-xy$xy-$seed/set0$x"
      label="stdeconv_$preset"; [ "$xy" = true ] && label+="_xy"
      # paper: fold 0 only unless asked (about 40 min per all-genes model on 2 cores: 5 folds x 5 sets x 3 seeds x 2 is days)
      folds="${CARD_FOLDS:-0 1 2 3 4}"; [ "$preset" = paper ] && folds="${CARD_FOLDS:-0}"
      for fold in $folds; do
        # fold 0 keeps the folder it always had (its model is also the one tested on the external set)
        mdir="$dir"; [ "$fold" = 0 ] || mdir="$dir/fold$fold"; mkdir -p "$mdir"
        [ -f "$mdir/done" ] && continue
        t0=$(date +%s)
        run "$mdir/train.log" "$sd" train --set training_data="$sets/set0$x.h5ad" --set target="$data/mob/mob_rep12.h5ad" --set model_dir="$mdir/model" \
            --set preset="$preset" --set seed="$seed" --set fold="$fold" --set append_coordinates="$xy" ${TRAIN_SET:-} || continue
        secs=$(( $(date +%s) - t0 ))
        # within-set: the held-out fold's RMSE of the kept model (model.yaml result.validation_rmse: an ensemble's mean
        # prediction; training_metrics.tsv holds the first network's only)
        awk -v l="$label" -v s="$seed" -v x="0$x" -v f="$fold" -v t="$secs" '$1 == "validation_rmse:" && $2 != "NA" && $2 != "\"NA\"" { best = $2 }
            END { if (best != "") printf "card\tset%s_fold%s\t%s\t%s\trmse\t%s\t%s\n", x, f, l, s, best, t }' "$mdir/model/model.yaml" >> "$results"
        if [ "$x" != 1 ] && [ "$fold" = 0 ]; then
          run "$mdir/infer.log" "$sd" infer --set model_dir="$mdir/model" --set slide="$sets/set3$x.h5ad" --set output_dir="$mdir/infer" ${INFER_SET:-} || continue
          run "$mdir/evaluate.log" "$sd" evaluate --set predictions="$mdir/infer/proportions.tsv" --set truth="$sets/set3$x.h5ad" --set output_dir="$mdir/eval" || continue
          record card "set0${x}_to_set3$x" "$label" "$seed" "$mdir/eval/metrics.tsv" "$secs"
        fi
        touch "$mdir/done"
        echo "card $label seed $seed set 0$x fold $fold done (${secs} s)"
      done
      # 5-fold cross-validation within the set: the mean of the five held-out folds, once all five are in
      if ! grep -qP "^card\tset0${x}_cv5\t$label\t$seed\t" "$results"; then
        awk -F'\t' -v d="set0${x}_fold" -v l="$label" -v s="$seed" '$1 == "card" && index($2, d) == 1 && $3 == l && $4 == s && $5 == "rmse" {
            if (!($2 in seen)) { seen[$2] = 1; n++; sum += $6; secs += $7 } }
            END { if (n == 5) printf "card\tset%s_cv5\t%s\t%s\trmse\t%.6f\t%.0f\n", substr(d, 4, 2), l, s, sum / 5, secs }' "$results" >> "$results"
      fi
    done; done; done; done ;;
  tissue)
    tissues="${TISSUES:-pdac mob}"
    for seed in $seeds; do for preset in $presets; do
      dir="$out/pdac/$preset-$seed"
      if [[ " $tissues " == *" pdac "* && ! -f "$dir/eval/metrics.tsv" ]]; then
        mkdir -p "$dir"
        run "$dir/qc.log" "$sd" qc --set reference="$data/pdac/reference.h5ad" --set slide="$data/pdac/slide.h5ad" --set output_dir="$dir/qc" || continue
        secs=$(train_on_reference "$dir/qc/reference.h5ad" "$dir/qc/slide.h5ad" "$dir" "$preset" "$seed") || continue
        run "$dir/infer.log" "$sd" infer --set model_dir="$dir/model" --set slide="$dir/qc/slide.h5ad" --set output_dir="$dir/infer" ${INFER_SET:-} || continue
        run "$dir/evaluate.log" "$sd" evaluate --set predictions="$dir/infer/proportions.tsv" --set slide="$dir/qc/slide.h5ad" \
            --set reference="$dir/qc/reference.h5ad" --set region_column=region --set output_dir="$dir/eval" || continue
        record tissue pdac "stdeconv_$preset" "$seed" "$dir/eval/metrics.tsv" "$secs"
        echo "pdac $preset seed $seed done"
      fi
      dir="$out/mob/$preset-$seed"
      if [[ " $tissues " == *" mob "* && ! -f "$dir/eval/metrics.tsv" ]]; then
        mkdir -p "$dir"
        t0=$(date +%s)
        run "$dir/train.log" "$sd" train --set training_data="$data/mob/card_sim_truth.h5ad" --set target="$data/mob/mob_layers.h5ad" \
            --set model_dir="$dir/model" --set preset="$preset" --set seed="$seed" ${TRAIN_SET:-} || continue
        secs=$(( $(date +%s) - t0 ))
        run "$dir/infer.log" "$sd" infer --set model_dir="$dir/model" --set slide="$data/mob/mob_layers.h5ad" --set output_dir="$dir/infer" ${INFER_SET:-} || continue
        run "$dir/evaluate.log" "$sd" evaluate --set predictions="$dir/infer/proportions.tsv" --set slide="$data/mob/mob_layers.h5ad" \
            --set region_column=layer --set output_dir="$dir/eval" || continue
        record tissue mob_layers "stdeconv_$preset" "$seed" "$dir/eval/metrics.tsv" "$secs"
        echo "mob $preset seed $seed done"
      fi
    done; done ;;
  *) echo "unknown protocol $protocol"; exit 2 ;;
  esac
done
echo
awk -f "$root/bench/accuracy/summarise.awk" "$results" | tee "$out/summary.tsv"
