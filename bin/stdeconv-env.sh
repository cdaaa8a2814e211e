# shellcheck shell=bash
# The process environment every stdeconv JVM needs, sourced by bin/stdeconv and by benchmarks that run stdeconv
# classes from the build tree (bench/train/run.sh), so both train under the same conditions.
# Java names files in the locale's character set: under POSIX/C (cron, ssh host cmd, many cluster nodes) a path with
# 'ü' could not be named at all ("Malformed input or input contains unmappable characters"); C.UTF-8 names every path.
if [ "$(LC_ALL="${LC_ALL:-}" locale charmap 2>/dev/null)" != UTF-8 ] && locale -a 2>/dev/null | grep -qix 'c\.utf-\?8'; then export LC_ALL=C.UTF-8; fi
export DJL_OFFLINE=true
# HOME may be unset (cron, `env -i`, some batch systems): the launcher runs under `set -u`, so it stopped with
# "HOME: unbound variable"; bash's ~ then names the user's home from the password database instead
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-${XDG_CACHE_HOME:-${HOME:-$(echo ~)}/.cache}/stdeconv/djl}"
# Reproducibility: MKL's matrix products otherwise pick code paths by memory alignment, so two runs of the same
# training config diverged after a few hundred steps; a fixed branch makes them bit-identical across processes
# and across nodes of one CPU kind, which -resume on a cluster needs. COMPATIBLE is slower but works on any x86 CPU.
# Speed (opt-in, STDECONV_MKL_AVX512=1): on CPUs with AVX-512 the AVX512 branch runs the products about twice as
# fast as AVX2 (training 15-33 % faster; docs/benchmarks/train.md, session 13). MKL takes it only where the CPU's
# vendor is Intel; on others (AMD Zen 4/5) a one-function library preloaded into the JVM (bin/stdeconv-mkl-avx512.c)
# answers that check, built once with the C compiler (the container builds ship it built); without a compiler the
# AVX2 branch runs. STRICT: on the AVX512 branch MKL splits a product's sums over threads, so the thread count
# changed the bytes; strict mode keeps them the same for any thread count (as AVX2 does here), at no measured cost.
# Off by default: its rounding moves the accuracy figures by about a seed's spread and failed the decision rule on
# one figure twice (sessions 13 and 15 of docs/benchmarks/train.md: the card sets 0.0031 worse with 0.003 allowed,
# PDAC's ARI 0.002 beyond one sd). A MKL_CBWR the user sets wins, and then nothing is preloaded.
stdeconv_cpu_has() { # every flag named is in /proc/cpuinfo's first flags line
  local flags f
  flags=" $(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null | cut -d: -f2) "
  for f in "$@"; do [[ $flags == *" $f "* ]] || return 1; done
}
stdeconv_mkl_vendor_shim() { # prints the path of the built shim library, building it on first use; fails without one
  local dir src lib cache tmp
  dir="$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  lib="$dir/../lib/stdeconv/libstdeconv-mkl-avx512.so"
  if [ -f "$lib" ]; then echo "$lib"; return 0; fi
  src="$dir/stdeconv-mkl-avx512.c"
  [ -f "$src" ] && command -v "${CC:-cc}" >/dev/null 2>&1 || return 1
  [ -n "${XDG_CACHE_HOME:-}${HOME:-}" ] || return 1
  cache="${XDG_CACHE_HOME:-$HOME/.cache}/stdeconv/mkl-avx512"
  lib="$cache/libstdeconv-mkl-avx512-$(cksum < "$src" | cut -d' ' -f1).so"
  if [ ! -f "$lib" ]; then
    # built beside its final name and renamed: tasks that start together each get a whole library or none
    mkdir -p "$cache" 2>/dev/null && tmp="$(mktemp "$cache/.build.XXXXXX" 2>/dev/null)" || return 1
    if "${CC:-cc}" -shared -fPIC -O2 -o "$tmp" "$src" >/dev/null 2>&1; then mv -f "$tmp" "$lib"; else rm -f "$tmp"; return 1; fi
  fi
  echo "$lib"
}
if [ -z "${MKL_CBWR:-}" ]; then
  if [ "${STDECONV_MKL_AVX512:-0}" = 1 ] && stdeconv_cpu_has avx512f avx512cd avx512bw avx512dq avx512vl; then
    if grep -q -m1 '^vendor_id.*GenuineIntel' /proc/cpuinfo 2>/dev/null; then
      export MKL_CBWR=AVX512,STRICT
    elif stdeconv_shim="$(stdeconv_mkl_vendor_shim)"; then
      export MKL_CBWR=AVX512,STRICT LD_PRELOAD="$stdeconv_shim${LD_PRELOAD:+:$LD_PRELOAD}"
    fi
  fi
  if [ -z "${MKL_CBWR:-}" ]; then
    if stdeconv_cpu_has avx2; then export MKL_CBWR=AVX2; else export MKL_CBWR=COMPATIBLE; fi
  fi
  unset stdeconv_shim
fi
# Speed: keep glibc from returning every multi-MB tensor buffer to the kernel when it is freed (page faults took
# half of a training step's time); memory is still reused within the process.
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-268435456}" MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-536870912}"
export MALLOC_TOP_PAD_="${MALLOC_TOP_PAD_:-67108864}"
# CPU: PyTorch's OpenMP threads spin 300,000 times between parallel regions before sleeping, so training on two
# threads burnt about twice its wall time; a shorter spin gives the core back (10-15 % less CPU at the same wall
# time and the same bytes; docs/benchmarks/train.md, session 10), which matters where tasks share a node.
export GOMP_SPINCOUNT="${GOMP_SPINCOUNT:-10000}"
# one intra-op thread for steps that do not set their own (train sets its `threads`, every core by default).
# A value that is no whole number of threads fails here in one line: PyTorch refused 0 as an internal error, and
# 99,999 started 20,000 threads that made no progress. The bound: four per core, at least 64.
if [ -n "${STDECONV_THREADS:-}" ]; then
  stdeconv_max_threads=$(( $(nproc 2>/dev/null || echo 16) * 4 )); [ "$stdeconv_max_threads" -ge 64 ] || stdeconv_max_threads=64
  if ! [[ $STDECONV_THREADS =~ ^[0-9]+$ ]] || [ "$((10#$STDECONV_THREADS))" -lt 1 ] || [ "$((10#$STDECONV_THREADS))" -gt "$stdeconv_max_threads" ]; then
    echo "stdeconv: STDECONV_THREADS='$STDECONV_THREADS': give a whole number of threads from 1 to $stdeconv_max_threads (the network threads of infer and the other steps that do not set their own), or unset it" >&2
    return 2 2>/dev/null || exit 2
  fi
  unset stdeconv_max_threads
fi
STDECONV_JVM_FLAGS=(-Xss4m -XX:+UseParallelGC -Djava.awt.headless=true -Dai.djl.offline=true
  "-Dai.djl.pytorch.num_threads=${STDECONV_THREADS:-1}" -Dai.djl.pytorch.num_interop_threads=1)
