/*
 * The pipeline's parameters against nextflow_schema.json: --help from its descriptions, and every value checked
 * against the keywords the schema uses (type, enum, pattern, minimum, format with exists, required). nf-core does
 * this with the nf-schema plugin, which Nextflow downloads; this pipeline runs offline (bin/nextflow), so it reads
 * the JSON Schema itself with groovy.json.JsonSlurper.
 */

include { editDistance } from './stepconfigs'

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
        // a typo (--outdri) is named with the parameter it was meant to be, not only a list of all 30-odd
        def near = snake in known ? null : known.min { editDistance(snake, it) }
        if (near && editDistance(snake, near) <= Math.max(2, snake.length().intdiv(4))) problems << "--${key}: unknown parameter; did you mean --${near}? (bin/nextflow run . --help lists them)"
        else if (!(snake in known)) problems << "--${key}: unknown parameter; known ones: ${known.sort().join(', ')} (bin/nextflow run . --help)"
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
        if (spec.minimum != null && n < (spec.minimum as BigInteger)) {
            return ["${label}: '${str}' is not a ${spec.minimum == 1 ? 'positive whole number' : 'whole number of at least ' + spec.minimum}${hint}"]
        }
        // 99999999999 was called "not a positive whole number"
        if (n > Integer.MAX_VALUE) return ["${label}: '${str}' is out of range; at most ${Integer.MAX_VALUE}${hint}"]
        return []
    }
    if ('number' in types && !(str ==~ /-?\d+(\.\d+)?([eE][-+]?\d+)?/)) return ["${label}: '${str}' is not a number${hint}"]
    // a params file's "false" in quotes is text, and Groovy takes any non-empty text for true
    if (types == ['boolean']) return [str.toLowerCase() in ['true', 'false'] ? "${label}: '${str}' is text (in quotes); write ${str.toLowerCase()} without quotes${hint}"
                                                                            : "${label}: '${str}' is not true or false${hint}"]
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
