#!/usr/bin/env nextflow
/*
 * stdeconv: cell-type deconvolution of spatial transcriptomics slides (ST-deconv method, Dai et al. 2025,
 * doi:10.1093/nargab/lqaf109). The pipeline itself is workflows/stdeconv.nf; this file only checks the parameters
 * (subworkflows/local/utils_stdeconv_pipeline), picks the inputs and publishes the software versions and params.
 *   bin/nextflow run . -profile test          bin/nextflow run . --help          docs/usage.md
 */
nextflow.enable.dsl = 2

include { DEMO_DATA } from './modules/local/demo_data/main'
include { STDECONV  } from './workflows/stdeconv'
include { PIPELINE_INITIALISATION } from './subworkflows/local/utils_stdeconv_pipeline/main'
include { readSchema; helpText } from './subworkflows/local/utils_stdeconv_pipeline/schema'

// --help and --help NAME print from nextflow_schema.json and stop before anything runs
if (params.help) {
    def text = helpText(readSchema("${projectDir}/nextflow_schema.json"), params.help, workflow.manifest.version)
    if (text == null) error("--help: '${params.help}' is not a parameter; run --help alone to list them")
    log.info(text)
    exit 0
}

workflow {
    PIPELINE_INITIALISATION()

    // each step's YAML: --STEP_config, else the default in assets/
    def configs = ['qc', 'simulate', 'train', 'infer', 'evaluate'].collectEntries { step ->
        [(step): file(params["${step}_config".toString()] ?: "${projectDir}/assets/${step}.yaml")]
    }

    if (params.demo) {
        DEMO_DATA(params.demo_seed)
        ch_reference = DEMO_DATA.out.reference
        // the demo slide carries true_<type> columns, so it is its own truth
        ch_samples = DEMO_DATA.out.slide.map { slide -> [[id: 'demo'], slide, slide] }
        ch_versions = DEMO_DATA.out.versions
    } else {
        ch_reference = PIPELINE_INITIALISATION.out.reference
        ch_samples = PIPELINE_INITIALISATION.out.samples
        ch_versions = Channel.empty()
    }

    STDECONV(ch_reference, ch_samples, PIPELINE_INITIALISATION.out.target, configs, params.infer_chunk_spots)
    // nf-core's pipeline_info: the versions of every process and of the workflow itself, and the params of the run
    ch_versions
        .mix(STDECONV.out.versions)
        .map { it.text }
        .unique()
        .mix(Channel.of("Workflow:\n  ${workflow.manifest.name}: ${workflow.manifest.version}\n  Nextflow: ${nextflow.version}\n".toString()))
        .collectFile(name: 'software_versions.yml', storeDir: "${params.outdir}/pipeline_info", sort: true, newLine: false)
    def info = file("${params.outdir}/pipeline_info")
    info.mkdirs()
    file("${info}/params_${params.trace_suffix ?: new java.util.Date().format('yyyy-MM-dd_HH-mm-ss')}.json").text =
            groovy.json.JsonOutput.prettyPrint(groovy.json.JsonOutput.toJson(params.findAll { k, v -> !k.contains('-') }))
}

workflow.onComplete {
    if (workflow.success) {
        log.info "stdeconv: results in ${params.outdir}; open ${params.outdir}/pipeline_info/summary.html first"
    } else {
        log.info "stdeconv: failed; fix the cause and rerun with -resume to reuse the finished tasks"
    }
}
