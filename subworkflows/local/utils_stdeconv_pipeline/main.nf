/*
 * Start-up of the pipeline: --help from nextflow_schema.json, parameter and samplesheet validation against
 * nextflow_schema.json and assets/schema_input.json, and the container image check.
 *
 * nf-core pipelines do this with the nf-schema plugin, which Nextflow downloads; this pipeline runs offline
 * (bin/nextflow), so it reads the same JSON Schema files itself with groovy.json.JsonSlurper and checks the keywords
 * those files use: type, enum, pattern, minimum, format (file-path, directory-path, path) with exists, required, and
 * for the samplesheet uniqueEntries. Every problem is one line naming the parameter (or file, line and column) and
 * what to do; all of them are reported at once before any task starts.
 */

/** nextflow_schema.json parsed. */
def readSchema(String path) {
    return new groovy.json.JsonSlurper().parse(new File(path))
}

/** Every parameter of the schema: name -> [group: title, spec: property map], in schema order. */
def schemaParams(schema) {
    def out = new LinkedHashMap()
    schema['$defs'].each { String key, group ->
        group.properties.each { String name, spec -> out[name] = [group: group.title ?: key, spec: spec, required: name in (group.required ?: [])] }
    }
    (schema.properties ?: [:]).each { String name, spec -> out[name] = [group: 'Other', spec: spec, required: name in (schema.required ?: [])] }
    return out
}

// ---------------------------------------------------------------------------------------------------------- help

/** `--help`: every parameter that is not hidden, by group; `--help NAME`: all about one parameter. */
def helpText(schema, topic, String version) {
    def all = schemaParams(schema)
    def lines = []
    if (topic instanceof CharSequence && topic.toString()) {
        def name = topic.toString().replaceFirst(/^--/, '')
        def p = all[name]
        if (!p) return null
        def s = p.spec
        lines << "--${name}  (${typeOf(s)}; ${p.group})"
        lines << "  ${s.description}"
        if (s.help_text) lines << wrap(s.help_text.toString(), 100, '  ')
        if (s.containsKey('default')) lines << "  default: ${s.default}"
        if (s.enum) lines << "  one of: ${s.enum.join(', ')}"
        if (s.minimum != null) lines << "  minimum: ${s.minimum}"
        if (s.pattern) lines << "  pattern: ${s.pattern}"
        if (s.format) lines << "  format: ${s.format}${s.exists ? ' (must exist)' : ''}"
        if (s.schema) lines << "  its format: ${s.schema}"
        return lines.join('\n')
    }
    lines << "stdeconv ${version}: cell-type deconvolution of spatial transcriptomics spots (ST-deconv method)"
    lines << ''
    lines << 'Typical commands:'
    lines << '  bin/nextflow run . -profile test                                        # demo data, the whole pipeline'
    lines << '  bin/nextflow run . --input samplesheet.csv --reference ref.h5ad --outdir results'
    lines << '  bin/nextflow run . --help PARAM                                         # all about one parameter'
    def groups = all.groupBy { it.value.group }
    groups.each { String title, ps ->
        def shown = ps.findAll { !it.value.spec.hidden }
        if (!shown) return
        lines << ''
        lines << "${title}:"
        shown.each { name, p ->
            def s = p.spec
            def dflt = s.containsKey('default') && s.default != null && s.default != '' ? " [default: ${s.default}]" : ''
            lines << String.format('  --%-20s %-9s %s%s', name, typeOf(s), s.description, dflt)
        }
    }
    lines << ''
    lines << 'Hidden parameters: ' + all.findAll { it.value.spec.hidden }.keySet().collect { "--${it}" }.join(', ') + ' (--help NAME describes them).'
    lines << 'Profiles: test, test_full, test_full_lymph, slurm, docker, podman, singularity, apptainer, charliecloud, awsbatch, google_batch (docs/usage.md).'
    return lines.join('\n')
}

def typeOf(spec) {
    def t = spec.type instanceof List ? spec.type.join('|') : spec.type
    return "[${t}]"
}

def wrap(String text, int width, String indent) {
    def out = []
    def line = new StringBuilder(indent)
    text.split(/\s+/).each { w ->
        if (line.length() + w.length() + 1 > width && line.toString().trim()) { out << line.toString(); line = new StringBuilder(indent) }
        line << (line.toString().trim() ? ' ' : '') << w
    }
    if (line.toString().trim()) out << line.toString()
    return out.join('\n')
}

// ---------------------------------------------------------------------------------------------------- validation

/**
 * Problems of `params` against the schema, one line each. `skip` names the parameters whose missing value is fine in
 * this run (input and reference with --demo).
 */
def validateParams(params, schema, String baseDir) {
    def problems = []
    def all = schemaParams(schema)
    def known = all.keySet()
    params.keySet().each { String key ->
        // Nextflow also stores --some_param as someParam; both spellings name the same schema entry
        def snake = key.replace('-', '_').replaceAll(/([a-z0-9])([A-Z])/, '$1_$2').toLowerCase()
        if (!(snake in known)) problems << "--${key}: unknown parameter; known ones: ${known.sort().join(', ')} (bin/nextflow run . --help)"
        // --train-preset or --trainPreset given by the user: Nextflow keeps it apart from train_preset, which the
        // pipeline reads, so the value would be silently ignored (Nextflow's own alias of a snake_case param is equal)
        else if (snake != key && params.get(key) != params.get(snake)) problems << "--${key}: write it --${snake} (the pipeline reads only that spelling)"
    }
    all.each { String name, p ->
        def s = p.spec
        def v = params.get(name)
        def hint = s.errorMessage ? "; ${s.errorMessage}" : ''
        if (v == null || v == '') {
            if (p.required) problems << "--${name}: missing${hint ?: '; ' + s.description}"
            return
        }
        problems += valueProblems("--${name}", v, s, hint, baseDir)
    }
    return problems
}

/** Problems of one value against its property schema (shared by params and samplesheet cells). */
def valueProblems(String label, v, spec, String hint, String baseDir) {
    def types = spec.type instanceof List ? spec.type : [spec.type]
    def str = v.toString()
    if ('boolean' in types && v instanceof Boolean) return []
    if ('integer' in types) {
        if (!(str ==~ /-?\d+/) || v instanceof Boolean) return ["${label}: '${str}' is not a whole number${hint}"]
        def n = str as BigInteger
        if (spec.minimum != null && n < (spec.minimum as BigInteger) || n > Integer.MAX_VALUE) {
            return ["${label}: '${str}' is not a ${spec.minimum == 1 ? 'positive whole number' : 'whole number of at least ' + spec.minimum}${hint}"]
        }
        return []
    }
    if ('number' in types && !(str ==~ /-?\d+(\.\d+)?([eE][-+]?\d+)?/)) return ["${label}: '${str}' is not a number${hint}"]
    if (types == ['boolean']) return ["${label}: '${str}' is not true or false${hint}"]
    if (v == true) return ["${label}: needs a value${hint ?: '; ' + spec.description}"]
    if (spec.enum && !(str in spec.enum*.toString())) return ["${label}: '${str}' is not one of ${spec.enum.join(', ')}${hint}"]
    if (spec.pattern && !(str =~ spec.pattern)) return ["${label}: '${str}' does not match ${spec.pattern}${hint}"]
    if (spec.format in ['file-path', 'directory-path', 'path'] && spec.exists) {
        def f = file(str.startsWith('/') || str.contains('://') ? str : "${baseDir}/${str}")
        if (!f.exists()) return ["${label}: file not found: ${f}${hint}"]
        if (spec.format == 'file-path' && f.isDirectory()) return ["${label}: ${f} is a folder${hint}"]
        if (spec.format == 'directory-path' && !f.isDirectory()) return ["${label}: ${f} is not a folder${hint}"]
    }
    return []
}

/**
 * Reads the samplesheet and checks it against assets/schema_input.json: a CSV whose header names the columns of
 * items.properties (those in items.required must be there), relative paths resolved against the sheet's folder.
 * Returns [rows: [[meta, slide, truth or []]...], problems: [...]].
 */
def readSamplesheet(sheet, String schemaPath) {
    def schema = new groovy.json.JsonSlurper().parse(new File(schemaPath))
    def props = schema.items.properties
    def required = schema.items.required ?: []
    def unique = schema.uniqueEntries ?: []
    def problems = []
    def rows = []
    def lines = sheet.readLines()
    // a spreadsheet's byte-order mark would stick to the first column's name; comment and blank lines may come first
    if (lines) lines[0] = lines[0].replaceFirst(/^\uFEFF/, '')
    def where = { int i -> "${sheet}: line ${i + 1}" }
    def top = lines.findIndexOf { it.trim() && !it.startsWith('#') }
    if (top < 0) return [rows: rows, problems: ["${sheet}: empty; the first line must be the header ${required.join(',')}[,${(props.keySet() - required).join(',')}]"]]
    def header = splitCsvLine(lines[top]).collect { it.trim().toLowerCase() }
    def unknown = header - props.keySet()
    if (unknown) problems << "${sheet}: header: unknown column(s) ${unknown.join(', ')}; allowed: ${props.keySet().join(', ')}"
    required.each { if (!(it in header)) problems << "${sheet}: header: column '${it}' is missing; the header must have ${required.join(',')} (optional: ${(props.keySet() - required).join(',')})" }
    if (problems) return [rows: rows, problems: problems]

    def seen = unique.collectEntries { [(it): [:]] }
    lines.eachWithIndex { String line, int i ->
        if (i <= top || !line.trim() || line.startsWith('#')) return
        def cells = splitCsvLine(line)
        // a row may leave out trailing optional columns (truth)
        while (cells.size() < header.size() && !(header[cells.size()] in required)) cells << ''
        if (cells.size() != header.size()) {
            problems << "${where(i)}: ${cells.size()} fields but the header has ${header.size()}; every row needs ${header.join(',')}"
            return
        }
        def rec = [header, cells*.trim()].transpose().collectEntries()
        def rowProblems = []
        props.each { String col, spec ->
            def v = rec[col]
            def hint = spec.errorMessage ? "; ${spec.errorMessage}" : ''
            if (!v) {
                if (col in required) rowProblems << "${where(i)}: ${col}: empty${hint}"
                return
            }
            def path = spec.format in ['file-path', 'directory-path', 'path'] ? resolveSheetPath(sheet, v).toString() : v
            rowProblems += valueProblems("${where(i)}: ${col}", path, spec, spec.format ? "; relative paths resolve against the samplesheet's folder${col in required ? '' : ', or ' + spec.errorMessage}" : hint, '/')
            if (col == 'slide' && !rowProblems) rowProblems += slideKindProblems("${where(i)}: ${col}", file(path), spec.errorMessage)
            if (col in unique && !rowProblems) {
                if (seen[col].containsKey(v)) rowProblems << "${where(i)}: ${col}: '${v}' already used on line ${seen[col][v] + 1}; ${col} names must be unique"
                else seen[col][v] = i
            }
        }
        problems += rowProblems
        rows << [[id: rec.sample], resolveSheetPath(sheet, rec.slide), rec.truth ? resolveSheetPath(sheet, rec.truth) : []]
    }
    if (!rows && !problems) problems << "${sheet}: no samples; add one row per slide below the header"
    return [rows: rows, problems: problems]
}

/**
 * A slide (or reference) file whose name says it is none of the kinds stdeconv reads (the rules of ExpressionReaders.detect): one
 * line here instead of a failed QC task. Folders and HDF5 files are left to the task, which looks inside.
 */
def slideKindProblems(String label, slide, String hint) {
    if (slide.isDirectory()) return []
    def name = slide.name.toLowerCase().replaceFirst(/\.gz$/, '')
    def known = ['.h5ad', '.mtx', '.csv', '.tsv', '.txt', '.tab']
    if (known.any { name.endsWith(it) } || isHdf5(slide)) return []
    return ["${label}: ${slide.name} is not a kind stdeconv reads (an HDF5 file such as .h5ad or 10x .h5, ${known.drop(1).join(', ')}, optionally .gz, or a folder); ${hint}"]
}

def isHdf5(f) {
    def signature = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a] as byte[]
    try {
        return f.withInputStream { it.readNBytes(8) } == signature
    } catch (IOException e) {
        return false
    }
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
        proc.consumeProcessOutput(new StringBuilder(), new StringBuilder())
        if (!proc.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) { proc.destroy(); return [] }
        return proc.exitValue() == 0 ? [] : ["--container_image: ${engine} has no image '${image}'; ${build}"]
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

/** Folders the pipeline publishes at the top of --outdir: a sample of that name would be overwritten by them. */
def reservedSampleNames() {
    return ['model', 'simulate', 'pipeline_info', 'demo_data']
}

/**
 * Samples named like the pipeline's own result folders, and inputs inside --outdir (publishing there would overwrite
 * them): one problem each, before any task runs.
 */
def rowsAgainstOutdir(rows, reference, outdir, String sheet) {
    def problems = []
    rows.each { row ->
        if (row[0].id in reservedSampleNames()) {
            problems << "${sheet}: sample '${row[0].id}': the pipeline writes its own '${row[0].id}' folder in --outdir; rename the sample (reserved: ${reservedSampleNames().join(', ')})"
        }
    }
    if (!outdir) return problems
    def out = file(outdir.toString()).toAbsolutePath().normalize()
    def real = { f -> def p = f.toAbsolutePath().normalize(); p.toFile().exists() ? p.toRealPath() : p }
    def realOut = out.toFile().exists() ? out.toRealPath() : out
    def inputs = [['--reference', reference ? file(reference.toString()) : null]]
    rows.each { row -> inputs << ["${sheet}: sample '${row[0].id}' slide", row[1]]; if (row[2]) inputs << ["${sheet}: sample '${row[0].id}' truth", row[2]] }
    inputs.each { label, f ->
        if (f != null && real(f).startsWith(realOut)) problems << "${label}: ${f} lies inside --outdir (${out}), where the pipeline publishes and may overwrite it; move the input or choose another --outdir"
    }
    return problems
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
    if (params.demo) {
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
    problems += containerProblems(workflow.containerEngine, workflow.container instanceof String ? workflow.container : params.container_image)
    if (problems) {
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
