# shellcheck shell=bash
# The process environment every stdeconv JVM needs, sourced by bin/stdeconv and by benchmarks that run stdeconv
# classes from the build tree (bench/train/run.sh), so both train under the same conditions.
export DJL_OFFLINE=true
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/stdeconv/djl}"
# Reproducibility: MKL's matrix products otherwise pick code paths by memory alignment, so two runs of the same
# training config diverged after a few hundred steps; a fixed branch makes them bit-identical across processes
# (and across nodes with AVX2, which -resume on a cluster needs). COMPATIBLE is slower but works on any x86 CPU.
if [ -z "${MKL_CBWR:-}" ]; then
  if grep -qw avx2 /proc/cpuinfo 2>/dev/null; then export MKL_CBWR=AVX2; else export MKL_CBWR=COMPATIBLE; fi
fi
# Speed: keep glibc from returning every multi-MB tensor buffer to the kernel when it is freed (page faults took
# half of a training step's time); memory is still reused within the process.
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-268435456}" MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-536870912}"
export MALLOC_TOP_PAD_="${MALLOC_TOP_PAD_:-67108864}"
# CPU: PyTorch's OpenMP threads spin 300,000 times between parallel regions before sleeping, so training on two
# threads burnt about twice its wall time; a shorter spin gives the core back (10-15 % less CPU at the same wall
# time and the same bytes; docs/benchmarks/train.md, session 10), which matters where tasks share a node.
export GOMP_SPINCOUNT="${GOMP_SPINCOUNT:-10000}"
# one intra-op thread for steps that do not set their own (train sets its `threads`, every core by default)
STDECONV_JVM_FLAGS=(-Xss4m -XX:+UseParallelGC -Djava.awt.headless=true -Dai.djl.offline=true
  "-Dai.djl.pytorch.num_threads=${STDECONV_THREADS:-1}" -Dai.djl.pytorch.num_interop_threads=1)
