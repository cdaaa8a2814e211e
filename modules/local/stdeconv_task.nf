// Shell lines every stdeconv module's script shares. They read the task (its resources and task.ext, set in
// conf/modules.config) and the build id the module passes in: each module names params.stdeconv_build in its script,
// the one param a module reads, because Nextflow's task hash covers the params a script names but not task.ext.

/**
 * Sizes the stdeconv JVM to the task, so that a retry with more memory really gets a bigger heap, and names the
 * stdeconv build so that -resume reruns tasks after a rebuild.
 */
def stdeconvEnv(task, build) {
    def lines = ["# stdeconv build ${build ?: 'installed'}", "export STDECONV_THREADS=${task.ext.threads ?: 1}"]
    def opts = []
    if (task.memory) {
        long mb = task.memory.toMega()
        // heap plus the direct buffers DJL copies arrays into must stay under the task's limit
        opts << "-Xmx${(long) (mb * 0.55)}m" << "-XX:MaxDirectMemorySize=${(long) (mb * 0.3)}m"
    }
    if (task.ext.java_opts) opts << task.ext.java_opts
    if (opts) lines << "export STDECONV_OPTS=${shellQuote(opts.join(' '))}"
    return lines.join('\n')
}

def shellQuote(String s) {
    return "'" + s.replace("'", "'\\''") + "'"
}

/** Writes versions.yml for the task: stdeconv, DJL, PyTorch and Java versions as `stdeconv --version` reports them. */
def versionsYml(task, boolean stub = false) {
    if (stub) return "printf '%s:\\n    stdeconv: stub\\n' '\"${task.process}\"' > versions.yml"
    return """stdeconv --version | awk -v p='${task.process}' 'BEGIN { print "\\"" p "\\":" }
        NR == 1 { print "    stdeconv: " \$2 } NR == 2 { print "    djl: " \$2; print "    pytorch: " \$6 } NR == 3 { print "    java: " \$2 }' > versions.yml"""
}
