/*
 * Preloaded into stdeconv's JVM by bin/stdeconv-env.sh on x86 CPUs that have AVX-512 but are not made by Intel
 * (AMD Zen 4 and 5). The MKL inside PyTorch picks its AVX-512 matrix-product kernels only when this check says the
 * CPU is Intel's; on other CPUs it runs the AVX2 kernels at about half the speed, whatever MKL_CBWR asks for. The
 * AVX-512 kernels use only instructions the launcher has checked the CPU for (F, CD, BW, DQ, VL), so answering "yes"
 * changes speed and rounding, not correctness (docs/benchmarks/train.md, session 13).
 */
int mkl_serv_intel_cpu_true(void) {
    return 1;
}
