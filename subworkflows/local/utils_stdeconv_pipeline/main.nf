/*
 * Start-up of the pipeline: parameters checked against nextflow_schema.json (schema.nf), the samplesheet against
 * assets/schema_input.json (samplesheet.nf), the steps' YAML configs and overrides against the keys each step has
 * (stepconfigs.nf) and the container image; every problem is one line naming the parameter
 * (or file and line) and what to do, all of them reported at once before any task starts. Also the helpers the
 * workflow uses to cut a slide's inference into chunks.
 */

include { readSchema; validateParams } from './schema'
include { readSamplesheet; rowsAgainstOutdir; inputsInsideOutdir; outdirAgainstWorkDir; reservedSampleNames; slideKindProblems } from './samplesheet'
include { stepConfigProblems } from './stepconfigs'

/**
 * An --outdir holding an earlier run's results: a new run publishes step by step among them, so a dropped sample's
 * results stayed beside the new model and a failed rerun left one run's simulation beside another's model. -resume
 * continues the run that made them and may publish there.
 */
def earlierRunProblems(outdir, start, boolean resume) {
    if (!outdir || resume) return []
    def out = new File(outdir.toString())
    if (!out.isDirectory()) return []
    long since = start.toInstant().toEpochMilli() - 2000
    def earlier = ['model', 'simulate'].findAll { new File(out, it).isDirectory() }.collect { "${it}/" }
    def info = new File(out, 'pipeline_info')
    if (info.isDirectory() && info.listFiles().any { it.name.startsWith('execution_trace_') && it.lastModified() < since }) earlier << 'pipeline_info/'
    return earlier ? ["--outdir: ${outdir} holds the results of an earlier run (${earlier.join(', ')}), among which this run would publish its own; choose a new --outdir, empty it, or continue that run with -resume".toString()] : []
}

/**
 * The executor's client on this machine: Nextflow submits from the launch node, and without `sbatch` every task
 * failed with a Java IOException, after which "rerun with -resume" could not help.
 */
def executorProblems(String executor) {
    def clients = [slurm: 'sbatch', sge: 'qsub', pbs: 'qsub', pbspro: 'qsub', lsf: 'bsub']
    def client = clients[executor]
    if (!client) return []
    def onPath = System.getenv('PATH')?.split(File.pathSeparator)?.any { it && new File(it, client).canExecute() }
    return onPath ? [] : ["executor ${executor} (-profile ${executor}): '${client}' is not on this machine's PATH, and Nextflow submits every task with it from here; launch from a ${executor} login node (or load its module), or drop the ${executor} profile".toString()]
}

/**
 * With a container profile: the image must be there, or every task would fail pulling it (there is no public image).
 * Returns one problem line, or [] when the image is found or the engine cannot be asked from here (then tasks say).
 */
def containerProblems(String engine, String image) {
    if (!engine || !image) return []
    def build = "build it with containers/build-podman.sh ${image} (podman, no registry needed) or 'docker build -f containers/Dockerfile -t ${image} .', or give a pullable one with --container_image (docs/pipeline.md)"
    if (engine in ['docker', 'podman']) {
        def proc
        try {
            proc = [engine, 'image', 'inspect', image].execute()
        } catch (IOException e) {
            return []   // the engine runs on the compute nodes only: they will say if the image is missing
        }
        def err = new StringBuilder()
        proc.consumeProcessOutput(new StringBuilder(), err)
        if (!proc.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) { proc.destroy(); return [] }
        if (proc.exitValue() == 0) return []
        // a client without its daemon (docker) or with broken storage fails every image command, building too
        def said = err.toString().readLines().find { it.trim() }?.trim() ?: ''
        if (said && !(said =~ /(?i)no such (image|object)|image not known|not found/)) {
            return ["-profile ${engine}: '${engine} image inspect' failed (${said}); check that ${engine} works here ('${engine} info') and rerun".toString()]
        }
        return ["--container_image: ${engine} has no image '${image}'; ${build}"]
    }
    if (engine in ['singularity', 'apptainer'] && image.startsWith('localhost/')) {
        return ["--container_image: ${engine} cannot pull '${image}' (a local podman/docker name); ${build}, then give it as docker://REGISTRY/stdeconv:TAG or a .sif path"]
    }
    return []
}

/**
 * The number of spots QC kept in the slide (slide.spots_after of its qc.json). Null when qc.json does not say (then
 * the slide is inferred in one task).
 */
def slideSpotCount(json) {
    def doc = new groovy.json.JsonSlurper().parse(json.toFile())
    def v = doc instanceof Map && doc.slide instanceof Map ? doc.slide.spots_after : null
    if (v instanceof Number) return v as long
    log.warn "${json}: no kept spot count found; inferring the slide in one task"
    return null
}

/** Chunk labels "i/n" (1-based) covering `spots` in ranges of at most `perChunk`, or [''] for a single task. */
def chunkLabels(spots, int perChunk) {
    if (spots == null || spots <= perChunk) return ['']
    int n = (int) Math.ceil(spots / (double) perChunk)
    return (1..n).collect { "${it}/${n}".toString() }
}

/**
 * An --outdir that cannot be made or written: the folder it would be made in (or itself) is a file or not writable
 * for this user. Nextflow failed opening its trace file there with a bare "Permission denied" (nextflow.config).
 */
def outdirWriteProblems(outdir) {
    if (!outdir || outdir.toString().contains('://') || new File(outdir.toString()).isFile()) return []
    def at = new File(outdir.toString()).absoluteFile
    while (at != null && !at.exists()) at = at.parentFile
    if (at == null) return []
    if (!at.isDirectory()) return ["--outdir: ${outdir} cannot be made: ${at} is a file; choose another --outdir".toString()]
    if (!java.nio.file.Files.isWritable(at.toPath())) return ["--outdir: ${outdir} cannot be ${at == new File(outdir.toString()).absoluteFile ? 'written' : 'made'}: ${at} is not writable for this user; choose another --outdir".toString()]
    return []
}

/**
 * A path whose '..' follows a folder that does not exist ("../x/../res" without x): the tasks publish to the
 * normalised path, but Nextflow's own files there fail at the end of the run, leaving partial results.
 */
def missingFolderBeforeDotDot(String label, String path, String launchDir) {
    def current = path.startsWith('/') ? new File('/') : new File(launchDir)
    for (String part : path.split('/')) {
        if (!part || part == '.') continue
        if (part == '..') {
            if (!current.isDirectory()) return ["${label}: ${path} goes up ('..') out of ${current}, which does not exist; give ${new File(path).toPath().normalize()} instead"]
            current = current.parentFile ?: current
        } else {
            current = new File(current, part)
        }
    }
    return []
}

/**
 * A run refused before any task has no results, yet Nextflow has already opened its trace file in
 * --outdir/pipeline_info: that header-only file is removed, and the folders it made if nothing else is in them.
 */
def removeTraceOfRefusedRun(outdir, start) {
    if (!outdir) return
    def info = new File(outdir.toString(), 'pipeline_info')
    if (!info.isDirectory()) return
    long since = start.toInstant().toEpochMilli() - 2000
    info.listFiles().findAll { it.name.startsWith('execution_trace_') && it.lastModified() >= since && it.readLines().size() <= 1 }*.delete()
    // only folders this run made (nextflow.config noted which existed): a user's own empty --outdir, or a link, stays
    def out = new File(outdir.toString()).absoluteFile
    def before = (System.getProperty("stdeconv.before:${out}") ?: 'true,true').split(',')
    if (before[1] != 'true' && !java.nio.file.Files.isSymbolicLink(info.toPath()) && !info.list()) info.delete()
    if (before[0] != 'true' && !java.nio.file.Files.isSymbolicLink(out.toPath()) && out.isDirectory() && !out.list()) out.delete()
}

/**
 * Takes a refused run out of Nextflow's history (.nextflow/history in the launch folder): `-resume` resumes the last
 * run listed there, so after a refused run it resumed that empty session and ran every task again.
 */
def forgetRefusedRun(launchDir, String sessionId) {
    def history = new File(launchDir.toString(), '.nextflow/history')
    if (!history.isFile()) return
    def lines = history.readLines()
    def kept = lines.findAll { !it.contains(sessionId) }
    if (kept.size() != lines.size()) history.text = kept.collect { it + '\n' }.join('')
}

// ---------------------------------------------------------------------------------------------------- subworkflow

/**
 * Checks everything, then emits the inputs: reference (value channel of a file), samples ([meta, slide, truth or []])
 * and the target sample id. Fails the run, before any task, with every problem at once.
 */
workflow PIPELINE_INITIALISATION {
    main:
    def schema = readSchema("${projectDir}/nextflow_schema.json")
    def problems = validateParams(params, schema, workflow.launchDir.toString())
    if (params.demo instanceof CharSequence) {
        // "false" in quotes in a params file: reported above as text; which inputs it needs depends on what was meant
    } else if (params.demo) {
        ['input', 'reference'].each { if (params[it]) problems << "--${it}: not used with --demo (which -profile test sets): the demo makes its own data; add --demo false to run on your files, or drop --${it}" }
    } else {
        if (!params.input) problems << "--input: missing; ${schema['$defs'].input_output_options.properties.input.errorMessage} (or run -profile test for the demo data)"
        def referenceSpec = schema['$defs'].input_output_options.properties.reference
        if (!params.reference) problems << "--reference: missing; ${referenceSpec.errorMessage}"
        else if (file(params.reference.toString()).exists()) problems += slideKindProblems('--reference', file(params.reference.toString()), referenceSpec.errorMessage)
    }
    def rows = []
    if (!params.demo && params.input && file(params.input.toString()).isFile()) {
        def sheet = readSamplesheet(file(params.input.toString()), "${projectDir}/assets/schema_input.json")
        problems += sheet.problems
        rows = sheet.rows
        problems += rowsAgainstOutdir(rows, params.reference, params.outdir, params.input.toString())
        if (params.target_sample && !rows.any { it[0].id == params.target_sample }) {
            problems << "--target_sample: '${params.target_sample}' is not a sample of ${params.input}; use one of: ${rows.collect { it[0].id }.findAll { it }.join(', ')}"
        }
    }
    problems += earlierRunProblems(params.outdir, workflow.start, workflow.resume)
    problems += outdirAgainstWorkDir(params.outdir, workflow.workDir, reservedSampleNames() + rows.collect { it[0].id.toString() })
    problems += stepConfigProblems(params, "${projectDir}/assets/config_keys.json")
    // a previous run's effective config reused from the results (res/model/train.config.yaml) was overwritten by this run's
    problems += inputsInsideOutdir(['qc', 'simulate', 'train', 'infer', 'evaluate'].findAll { params["${it}_config"] }
            .collect { ["--${it}_config", file(params["${it}_config"].toString())] }, params.outdir)
    if (params.outdir && file(params.outdir.toString()).isFile()) problems << "--outdir: ${params.outdir} is a file; give a folder (it is made when missing)"
    problems += outdirWriteProblems(params.outdir)
    if (params.outdir) problems += missingFolderBeforeDotDot('--outdir', params.outdir.toString(), workflow.launchDir.toString())
    problems += containerProblems(workflow.containerEngine, workflow.container instanceof String ? workflow.container : params.container_image)
    problems += executorProblems(workflow.session.config.navigate('process.executor') as String)
    if (problems) {
        removeTraceOfRefusedRun(params.outdir, workflow.start)
        forgetRefusedRun(workflow.launchDir, workflow.sessionId.toString())
        error("Invalid parameters (nothing was run):\n  - " + problems.join('\n  - ') + "\nSee bin/nextflow run . --help, nextflow_schema.json and docs/usage.md.")
    }

    if (params.demo) {
        ch_reference = Channel.empty()
        ch_samples = Channel.empty()
        ch_target = Channel.value('demo')
    } else {
        ch_reference = Channel.value(file(params.reference.toString(), checkIfExists: true))
        ch_samples = Channel.fromList(rows)
        ch_target = Channel.value(params.target_sample ?: rows[0][0].id)
    }

    emit:
    reference = ch_reference
    samples   = ch_samples
    target    = ch_target
}
