/*
 * The samplesheet (--input) against assets/schema_input.json: header, one row per slide, paths resolved against the
 * sheet's folder, unique sample names; and the rows against --outdir (reserved names, inputs where results go).
 */

include { valueProblems } from './schema'

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
    def lines
    try {
        lines = sheet.readLines()
    } catch (java.nio.charset.CharacterCodingException e) {
        // a workbook (.xlsx) renamed .csv, or a CSV saved in a legacy encoding: Java's bare "Input length = 1" before
        return [rows: rows, problems: ["${sheet}: not UTF-8 text (a spreadsheet's workbook, or a CSV saved in another encoding); save it as 'CSV UTF-8' (comma-separated), header ${required.join(',')}[,${(props.keySet() - required).join(',')}]".toString()]]
    }
    // a spreadsheet's byte-order mark would stick to the first column's name; comment and blank lines may come first
    if (lines) lines[0] = lines[0].replaceFirst(/^\uFEFF/, '')
    def where = { int i -> "${sheet}: line ${i + 1}" }
    def top = lines.findIndexOf { it.trim() && !it.startsWith('#') }
    if (top < 0) return [rows: rows, problems: ["${sheet}: empty; the first line must be the header ${required.join(',')}[,${(props.keySet() - required).join(',')}]"]]
    def header = splitCsvLine(lines[top]).collect { it.trim().toLowerCase() }
    // spreadsheets save unused columns as trailing separators ("sample,slide,truth,"): no column there
    while (header.size() > 1 && !header[-1]) header.removeLast()
    // a sheet saved as TSV (or with semicolons, as some spreadsheets do) has one header field: say that, once
    def separator = header.size() == 1 ? ['\t': 'TABs', ';': 'semicolons'].find { sep, name -> lines[top].contains(sep) } : null
    if (separator) return [rows: rows, problems: ["${sheet}: its columns are separated by ${separator.value}; a samplesheet is comma-separated (CSV), header ${required.join(',')}[,${(props.keySet() - required).join(',')}]"]]
    def unknown = header - props.keySet()
    // "sample,slide,slide": the last column silently won
    header.countBy { it }.findAll { col, n -> n > 1 && col }.each { col, n -> problems << "${sheet}: header: column '${col}' appears ${n} times; name each column once" }
    if (unknown) problems << "${sheet}: header: unknown column(s) ${unknown.join(', ')}; allowed: ${props.keySet().join(', ')}"
    required.each { if (!(it in header)) problems << "${sheet}: header: column '${it}' is missing; the header must have ${required.join(',')} (optional: ${(props.keySet() - required).join(',')})" }
    if (problems) return [rows: rows, problems: problems]

    def seen = unique.collectEntries { [(it): [:]] }
    def slidesSeen = [:]
    lines.eachWithIndex { String line, int i ->
        if (i <= top || !line.trim() || line.startsWith('#')) return
        def cells = splitCsvLine(line)
        while (cells.size() > header.size() && !cells[-1].trim()) cells.removeLast()
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
            if (col == 'slide' && !rowProblems) rowProblems += positionsLeftBehind("${where(i)}: ${col}", file(path))
            if (col == 'slide' && !rowProblems) {
                // TRAIN adapts to every slide of the sheet once, and refused the second, naming its own `target` key
                def real = file(path).toRealPath().toString()
                if (slidesSeen[real] != null) rowProblems << "${where(i)}: slide: the same slide as line ${slidesSeen[real] + 1}; list each slide once (with its truth, if any, on that row)"
                else slidesSeen[real] = i
            }
            if (col in unique && !rowProblems) {
                // names that differ in case only name one folder on macOS and Windows file systems
                def same = seen[col].keySet().find { it.equalsIgnoreCase(v) }
                if (same == v) rowProblems << "${where(i)}: ${col}: '${v}' already used on line ${seen[col][v] + 1}; ${col} names must be unique"
                else if (same != null) rowProblems << "${where(i)}: ${col}: '${v}' differs from '${same}' (line ${seen[col][same] + 1}) in case only; their output folders would be one on a case-insensitive file system, so rename one"
                else seen[col][v] = i
            }
        }
        problems += rowProblems
        rows << [[id: rec.sample], stagedSlide(resolveSheetPath(sheet, rec.slide)), rec.truth ? resolveSheetPath(sheet, rec.truth) : []]
    }
    if (!rows && !problems) problems << "${sheet}: no samples; add one row per slide below the header"
    return [rows: rows, problems: problems]
}

/**
 * A slide (or reference) file whose name says it is none of the kinds stdeconv reads (the rules of ExpressionReaders.detect): one
 * line here instead of a failed QC task. Folders and HDF5 files are left to the task, which looks inside.
 */
def slideKindProblems(String label, slide, String hint) {
    if (slide.isDirectory()) {
        // what ExpressionReaders.detect takes: Space Ranger output (Visium HD bin choice left to the step) or MatrixMarket
        def names = slide.list() as List
        def tenx = ['filtered_feature_bc_matrix.h5', 'filtered_feature_bc_matrix', 'outs', 'binned_outputs'].any { it in names }
        if (tenx || names.any { it.toLowerCase().replaceFirst(/\.gz$/, '').endsWith('.mtx') }) return []
        return ["${label}: ${slide} is a folder of neither Space Ranger output nor a MatrixMarket set; ${hint}"]
    }
    if (slide.size() == 0) return ["${label}: ${slide} is empty; ${hint}"]
    def name = slide.name.toLowerCase().replaceFirst(/\.gz$/, '')
    def known = ['.h5ad', '.mtx', '.csv', '.tsv', '.txt', '.tab']
    if (known.any { name.endsWith(it) } || isHdf5(slide)) return []
    return ["${label}: ${slide.name} is not a kind stdeconv reads (an HDF5 file such as .h5ad or 10x .h5, ${known.drop(1).join(', ')}, optionally .gz, or a folder); ${hint}"]
}

/**
 * What a task is given of a slide. A task sees only the path it is given: a Space Ranger matrix .h5 given as a file
 * would arrive without the spatial/ folder beside it, and the slide would be read without coordinates (no maps, no
 * spatial prior; a warning inside the task only). So the folder holding it (a Visium outs or Visium HD bin folder) is
 * given instead, which the steps read as the same slide.
 */
def stagedSlide(slide) {
    return matrixWithSpatialBeside(slide) && slide.name == 'filtered_feature_bc_matrix.h5' ? slide.parent : slide
}

/** A matrix .h5 with spatial/ beside it under another name than Space Ranger's: its folder cannot stand in for it. */
def positionsLeftBehind(String label, slide) {
    if (!matrixWithSpatialBeside(slide) || slide.name == 'filtered_feature_bc_matrix.h5') return []
    return ["${label}: ${slide.name} has its tissue positions in ${slide.parent}/spatial/, which a task given only the .h5 file would not see; give the folder ${slide.parent} as the slide, with the matrix named filtered_feature_bc_matrix.h5 as Space Ranger writes it"]
}

/** Whether `slide` is a matrix .h5 file (not .h5ad) with a spatial/ folder beside it. */
def matrixWithSpatialBeside(slide) {
    return slide && !slide.isDirectory() && slide.name.toLowerCase().endsWith('.h5') && slide.parent.resolve('spatial').isDirectory()
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
    def inputs = [['--reference', reference ? file(reference.toString()) : null], ['--input', file(sheet)]]
    rows.each { row -> inputs << ["${sheet}: sample '${row[0].id}' slide", row[1]]; if (row[2]) inputs << ["${sheet}: sample '${row[0].id}' truth", row[2]] }
    return problems + inputsInsideOutdir(inputs, outdir)
}

/**
 * --outdir and Nextflow's work directory apart: results published into the work directory (scratch, which a clean-up
 * or a purge deletes) are lost with it, and a result folder named like the work directory would be published into it.
 */
def outdirAgainstWorkDir(outdir, workDir, List<String> resultFolders) {
    if (!outdir) return []
    def out = file(outdir.toString()).toAbsolutePath().normalize()
    def work = workDir.toAbsolutePath().normalize()
    if (out.startsWith(work)) return ["--outdir: ${outdir} lies inside Nextflow's work directory (${work}), scratch that cleaning deletes; choose another --outdir".toString()]
    if (!work.startsWith(out) || work == out) return []
    def first = out.relativize(work).getName(0).toString()
    return first in resultFolders ? ["--outdir: the pipeline publishes a '${first}' folder in ${outdir}, which is Nextflow's work directory (${work}); choose another --outdir or -work-dir".toString()] : []
}

/** [label, file] pairs of inputs that lie inside --outdir, where a publish may overwrite them, one line each. */
def inputsInsideOutdir(inputs, outdir) {
    if (!outdir) return []
    def out = file(outdir.toString()).toAbsolutePath().normalize()
    def real = { f -> def p = f.toAbsolutePath().normalize(); p.toFile().exists() ? p.toRealPath() : p }
    def realOut = out.toFile().exists() ? out.toRealPath() : out
    def inside = inputs.findAll { label, f -> f != null && real(f).startsWith(realOut) }.collect { label, f ->
        "${label}: ${f} lies inside --outdir (${out}), where the pipeline publishes and may overwrite it; move the input or choose another --outdir".toString()
    }
    // and the converse: results written into an input folder (a MatrixMarket or Space Ranger slide, whose .h5 the
    // tasks get as its folder) would touch the input
    def folderOf = { f -> f.toFile().isDirectory() ? f : f.name.endsWith('.h5') ? f.parent : null }
    def around = inputs.findAll { label, f -> f != null && folderOf(f) != null && realOut.startsWith(real(folderOf(f))) && !real(f).startsWith(realOut) }.collect { label, f ->
        "--outdir: ${outdir} lies inside the folder of ${label} (${folderOf(f)}), so the results would be written into the input; choose another --outdir".toString()
    }
    return inside + around
}
