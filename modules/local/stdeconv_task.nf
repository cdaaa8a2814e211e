// Shell lines every stdeconv module's script shares. They read only the task (its resources and task.ext, set in
// conf/modules.config), never params, so a module runs the same in any pipeline that includes it.

/**
 * Sizes the stdeconv JVM to the task, so that a retry with more memory really gets a bigger heap, and names the
 * stdeconv build (task.ext.build) so that -resume reruns tasks after a rebuild (the script text is hashed).
 */
def stdeconvEnv(task) {
    def lines = ["# stdeconv build ${task.ext.build ?: 'installed'}", "export STDECONV_THREADS=${task.ext.threads ?: 1}"]
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
