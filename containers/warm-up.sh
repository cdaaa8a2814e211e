#!/bin/sh
# Runs stdeconv once at image build time so that DJL unpacks its PyTorch natives (about 430 MB) into $DJL_CACHE_DIR
# inside the image: tasks then start the engine from the image instead of unpacking it again in every container.
# It runs the smallest real path through the engine (demo data -> a few simulated spots -> fast training), which
# also proves the image works before anyone pulls it.
set -eu
: "${DJL_CACHE_DIR:?set DJL_CACHE_DIR in the image}"
w=$(mktemp -d)
stdeconv --version
stdeconv demo-data --out "$w/demo" --seed 1
stdeconv simulate --set reference="$w/demo/reference.h5ad" --set output="$w/sim.h5ad" --set n_spots=64 --set seed=1
stdeconv train --set training_data="$w/sim.h5ad" --set model_dir="$w/model" --set preset=fast --set seed=1
rm -rf "$w"
test -n "$(find "$DJL_CACHE_DIR" -name '*.so*' | head -n 1)" || { echo "warm-up: no PyTorch natives in $DJL_CACHE_DIR" >&2; exit 1; }
# containers may run as any user (docker -u, Singularity/Apptainer): the cache must be readable by all
chmod -R a+rX "$DJL_CACHE_DIR"
du -sh "$DJL_CACHE_DIR"
