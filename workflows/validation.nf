// Start-up checks of params and the samplesheet (nf-schema is not available offline, so the pipeline checks itself).
// Every function returns problems as one-line messages naming the parameter or file, the row and the fix.

/** Params this pipeline knows; anything else is most likely a typo, which Nextflow would silently ignore. */
def knownParams() {
    return ['input', 'reference', 'outdir', 'publish_dir_mode', 'demo', 'demo_seed', 'target_sample', 'seed',
            'threads', 'java_opts', 'simulate_spots', 'train_preset', 'infer_chunk_spots',
            'qc_config', 'simulate_config', 'train_config', 'infer_config', 'evaluate_config',
            'qc_set', 'simulate_set', 'train_set', 'infer_set', 'evaluate_set',
            'max_cpus', 'max_memory', 'max_time', 'queue', 'cluster_options', 'container_image',
            'trace_suffix', 'stdeconv_build'] as Set
}

def checkParams(params) {
    def problems = []
    def known = knownParams()
    params.keySet().each { String key ->
        def snake = key.replace('-', '_').replaceAll(/([a-z0-9])([A-Z])/, '$1_$2').toLowerCase()
        if (!(snake in known)) problems << "--${key}: unknown parameter; known ones: ${known.sort().join(', ')}"
    }
    if (!params.outdir) problems << "--outdir: must name the folder for the results"
    if (!params.demo) {
        problems += checkFileParam('input', params.input, 'the samplesheet CSV (columns sample,slide[,truth])')
        problems += checkFileParam('reference', params.reference, 'the labelled scRNA-seq reference (.h5ad, 10x or MatrixMarket folder, CSV)', true)
    }
    ['qc', 'simulate', 'train', 'infer', 'evaluate'].each { step ->
        problems += checkFileParam("${step}_config", stepConfig(params, step), "the ${step} step's YAML config (see bin/stdeconv config-template ${step})")
    }
    if (!isPositiveInt(params.infer_chunk_spots)) problems << "--infer_chunk_spots: '${params.infer_chunk_spots}' is not a positive whole number; give the most spots one INFER task handles, e.g. 20000"
    if (!isPositiveInt(params.threads)) problems << "--threads: '${params.threads}' is not a positive whole number; 1 gives reproducible training on any machine"
    if (!isWholeNumber(params.seed)) problems << "--seed: '${params.seed}' is not a whole number"
    if (!isWholeNumber(params.demo_seed)) problems << "--demo_seed: '${params.demo_seed}' is not a whole number"
    if (params.simulate_spots && !isPositiveInt(params.simulate_spots)) problems << "--simulate_spots: '${params.simulate_spots}' is not a positive whole number"
    if (params.train_preset && !(params.train_preset in ['fast', 'paper'])) problems << "--train_preset: '${params.train_preset}' is not a preset; use fast or paper"
    if (!(params.publish_dir_mode in ['copy', 'copyNoFollow', 'link', 'rellink', 'symlink', 'move'])) problems << "--publish_dir_mode: '${params.publish_dir_mode}' is not a publishDir mode; use copy (default), link or symlink"
    return problems
}

/** The YAML config a step runs with: --STEP_config, else the default in workflows/conf. */
def stepConfig(params, String step) {
    return params.get("${step}_config".toString()) ?: "${projectDir}/conf/${step}.yaml".toString()
}

def checkFileParam(String name, value, String what, boolean folderOk = false) {
    if (!value || value == true) return ["--${name}: missing; give ${what}"]
    def f = file(value.toString())
    if (!f.exists()) return ["--${name}: file not found: ${f}; give ${what}"]
    if (f.isDirectory() && !folderOk) return ["--${name}: ${f} is a folder; give ${what}"]
    return []
}

def isWholeNumber(v) { v != null && v.toString() ==~ /-?\d+/ }
def isPositiveInt(v) { isWholeNumber(v) && (v.toString() as long) >= 1 && (v.toString() as long) <= Integer.MAX_VALUE }

/**
 * Reads the samplesheet: a CSV with header sample,slide[,truth]; relative paths resolve against the sheet's folder.
 * Returns [rows: [[meta, slide, truth or []]...], problems: [...]].
 */
def readSamplesheet(sheet) {
    def problems = []
    def rows = []
    def lines = sheet.readLines()
    def where = { int i -> "${sheet}: line ${i + 1}" }
    if (!lines || !lines[0].trim()) return [rows: rows, problems: ["${sheet}: empty; the first line must be the header sample,slide[,truth]"]]
    def header = splitCsvLine(lines[0]).collect { it.trim().toLowerCase() }
    def unknown = header - ['sample', 'slide', 'truth']
    if (unknown) problems << "${sheet}: header: unknown column(s) ${unknown.join(', ')}; allowed: sample, slide, truth"
    ['sample', 'slide'].each { if (!(it in header)) problems << "${sheet}: header: column '${it}' is missing; the header must be sample,slide[,truth]" }
    if (problems) return [rows: rows, problems: problems]

    def seen = [:]
    lines.eachWithIndex { String line, int i ->
        if (i == 0 || !line.trim() || line.startsWith('#')) return
        def cells = splitCsvLine(line)
        // a row may leave out trailing optional columns (truth)
        while (cells.size() < header.size() && header[cells.size()] == 'truth') cells << ''
        if (cells.size() != header.size()) {
            problems << "${where(i)}: ${cells.size()} fields but the header has ${header.size()}; every row needs ${header.join(',')}"
            return
        }
        def rec = [header, cells*.trim()].transpose().collectEntries()
        def id = rec.sample
        if (!id) problems << "${where(i)}: sample: empty; name every slide"
        else if (!(id ==~ /[A-Za-z0-9][A-Za-z0-9._-]*/)) problems << "${where(i)}: sample: '${id}' may only contain letters, digits, '.', '_' and '-' (it names output folders)"
        else if (seen.containsKey(id)) problems << "${where(i)}: sample: '${id}' already used on line ${seen[id] + 1}; sample names must be unique"
        else seen[id] = i
        def slide = resolveSheetPath(sheet, rec.slide)
        if (!rec.slide) problems << "${where(i)}: slide: empty; give the slide file (.h5ad, 10x or MatrixMarket folder, CSV)"
        else if (!slide.exists()) problems << "${where(i)}: slide: file not found: ${slide}; relative paths resolve against the samplesheet's folder"
        def truth = rec.truth ? resolveSheetPath(sheet, rec.truth) : null
        if (truth != null && !truth.exists()) problems << "${where(i)}: truth: file not found: ${truth}; leave the field empty when there is no ground truth"
        rows << [[id: id], slide, truth ?: []]
    }
    if (!rows && !problems) problems << "${sheet}: no samples; add one row per slide below the header"
    return [rows: rows, problems: problems]
}

def resolveSheetPath(sheet, String value) {
    if (!value) return null
    return value.startsWith('/') || value.contains('://') ? file(value) : file(sheet.parent.resolve(value).normalize().toString())
}

/** Splits one CSV line; fields may be double-quoted (with "" for a quote inside). */
def splitCsvLine(String line) {
    def out = []
    def cur = new StringBuilder()
    boolean quoted = false
    for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i)
        if (quoted) {
            if (c == '"' as char && i + 1 < line.length() && line.charAt(i + 1) == '"' as char) { cur << '"'; i++ }
            else if (c == '"' as char) quoted = false
            else cur << c
        } else if (c == '"' as char) quoted = true
        else if (c == ',' as char) { out << cur.toString(); cur.setLength(0) }
        else cur << c
    }
    out << cur.toString()
    return out
}

/**
 * The number of spots QC kept in the slide (slide.spots_after of its qc.json). Null when qc.json does not say (then the slide is
 * inferred in one task).
 */
def slideSpotCount(json) {
    def doc = new groovy.json.JsonSlurper().parse(json.toFile())
    for (path in [['slide', 'spots_after']]) {
        def v = doc
        for (k in path) v = v instanceof Map ? v[k] : null
        if (v instanceof Number) return v as long
    }
    log.warn "${json}: no kept spot count found; inferring the slide in one task"
    return null
}

/** Chunk labels "i/n" (1-based) covering `spots` in ranges of at most `perChunk`, or [''] for a single task. */
def chunkLabels(spots, int perChunk) {
    if (spots == null || spots <= perChunk) return ['']
    int n = (int) Math.ceil(spots / (double) perChunk)
    return (1..n).collect { "${it}/${n}".toString() }
}
