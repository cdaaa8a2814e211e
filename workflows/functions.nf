// Helpers shared by the step modules: JVM sizing from the task's resources, --set overrides, versions.yml.

/** Shell lines that size the stdeconv JVM to the task (so a retry with more memory really gets a bigger heap). */
def stdeconvEnv(task) {
    def lines = ["export STDECONV_THREADS=${params.threads}"]
    def opts = []
    if (task.memory) {
        long mb = task.memory.toMega()
        // heap plus the direct buffers DJL copies arrays into must stay under the task's limit
        opts << "-Xmx${(long) (mb * 0.55)}m" << "-XX:MaxDirectMemorySize=${(long) (mb * 0.3)}m"
    }
    if (params.java_opts) opts << params.java_opts
    if (opts) lines << "export STDECONV_OPTS=${shellQuote(opts.join(' '))}"
    return lines.join('\n')
}

/** "--set 'k=v' ..." from a list of KEY=VALUE strings or a string of them separated by whitespace. */
def setArgs(overrides) {
    if (!overrides) return ''
    def items = overrides instanceof Collection ? overrides : overrides.toString().trim().split(/\s+/) as List
    return items.findAll { it }.collect { "--set ${shellQuote(it.toString())}" }.join(' ')
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

/**
 * Identifies the stdeconv code a task runs: the SHA-256 (16 hex digits) of the checkout's target/stdeconv.jar, or
 * "installed" without one (an installed release or a container image, whose name is already part of the task hash).
 * Every module's script names it, so Nextflow hashes it and -resume reruns tasks after a rebuild instead of
 * reusing results of the old code (the pom makes the jar reproducible: same sources, same bytes).
 */
def stdeconvBuild() {
    def jar = new File("${projectDir}/target/stdeconv.jar")
    if (!jar.isFile()) return 'installed'
    return java.security.MessageDigest.getInstance('SHA-256').digest(jar.bytes).encodeHex().toString().substring(0, 16)
}
