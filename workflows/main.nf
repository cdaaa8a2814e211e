#!/usr/bin/env nextflow
/*
 * stdeconv: cell-type deconvolution of spatial transcriptomics slides (ST-deconv method).
 *   QC per slide -> SIMULATE once -> TRAIN once -> INFER per slide (large slides in chunks, then MERGE) -> EVALUATE per slide
 * Run: nextflow run . --reference ref.h5ad --input samplesheet.csv --outdir results   (docs/pipeline.md)
 */
nextflow.enable.dsl = 2

include { DEMO_DATA } from './modules/demo_data'
include { QC        } from './modules/qc'
include { SIMULATE  } from './modules/simulate'
include { TRAIN     } from './modules/train'
include { INFER     } from './modules/infer'
include { MERGE     } from './modules/merge'
include { EVALUATE  } from './modules/evaluate'
include { stdeconvBuild } from './functions'
include { checkParams; readSamplesheet; stepConfig; slideSpotCount; chunkLabels } from './validation'

// named in every task's script (see stdeconvBuild): a rebuilt stdeconv invalidates the -resume cache
params.stdeconv_build = stdeconvBuild()

workflow {
    def problems = checkParams(params)
    def samples = []
    if (!params.demo && params.input && file(params.input.toString()).isFile()) {
        def sheet = readSamplesheet(file(params.input))
        problems += sheet.problems
        samples = sheet.rows
        if (params.target_sample && !samples.any { it[0].id == params.target_sample }) {
            problems << "--target_sample: '${params.target_sample}' is not a sample of ${params.input}; use one of: ${samples.collect { it[0].id }.findAll { it }.join(', ')}"
        }
    }
    if (problems) {
        error("Invalid parameters (nothing was run):\n  - " + problems.join('\n  - ') + "\nSee docs/pipeline.md for the parameters and the samplesheet format.")
    }

    if (params.demo) {
        DEMO_DATA(params.demo_seed)
        ch_reference = DEMO_DATA.out.reference
        // the demo slide carries true_<type> columns, so it is its own truth
        ch_samples = DEMO_DATA.out.slide.map { slide -> [[id: 'demo'], slide, slide] }
        ch_versions = DEMO_DATA.out.versions
        target = 'demo'
    } else {
        ch_reference = Channel.value(file(params.reference, checkIfExists: true))
        ch_samples = Channel.fromList(samples)
        ch_versions = Channel.empty()
        target = params.target_sample ?: samples[0][0].id
    }

    STDECONV(ch_reference, ch_samples, target)
    ch_versions
        .mix(STDECONV.out.versions)
        .map { it.text }
        .unique()
        .collectFile(name: 'software_versions.yml', storeDir: "${params.outdir}/pipeline_info", sort: true, newLine: false)
}

workflow STDECONV {
    take:
    reference   // file
    samples     // [meta, slide, truth or []]
    target      // sample id whose slide is TRAIN's target domain (and whose QC'd reference SIMULATE uses)

    main:
    QC(samples.map { meta, slide, truth -> [meta, slide] }.combine(reference), file(stepConfig(params, 'qc')))

    // the target slide's depths guide the thinning of the pseudo-spots (target_slide of simulate)
    SIMULATE(QC.out.reference.join(QC.out.slide).filter { meta, ref, slide -> meta.id == target }, file(stepConfig(params, 'simulate')))
    TRAIN(SIMULATE.out.spots, QC.out.slide.filter { meta, slide -> meta.id == target }, file(stepConfig(params, 'train')))

    // slides above infer_chunk_spots spots become several INFER tasks over spot ranges, joined again by MERGE
    ch_infer_inputs = QC.out.slide.join(QC.out.json).flatMap { meta, slide, json ->
        def labels = chunkLabels(slideSpotCount(json), params.infer_chunk_spots as int)
        labels.collect { chunk -> [meta + [chunks: labels.size()], slide, chunk] }
    }
    ch_model = TRAIN.out.model.first()
    INFER(ch_infer_inputs, ch_model, file(stepConfig(params, 'infer')))

    ch_infer = INFER.out.dir.branch { meta, dir ->
        single: meta.chunks == 1
        chunked: true
    }
    MERGE(ch_infer.chunked
        .map { meta, dir -> [groupKey(meta, meta.chunks), dir] }
        .groupTuple()
        .map { key, dirs -> [key.getGroupTarget(), dirs] })

    ch_evaluate = ch_infer.single.mix(MERGE.out.dir)
        .map { meta, dir -> [meta.id, dir] }
        .join(samples.map { meta, slide, truth -> [meta.id, meta, truth] })
        .join(QC.out.slide.join(QC.out.reference).map { meta, slide, ref -> [meta.id, slide, ref] })
        .map { id, dir, meta, truth, slide, ref -> [meta, dir, truth, slide, ref] }
    EVALUATE(ch_evaluate, ch_model, file(stepConfig(params, 'evaluate')))

    emit:
    versions = QC.out.versions.mix(SIMULATE.out.versions, TRAIN.out.versions, INFER.out.versions,
        MERGE.out.versions, EVALUATE.out.versions)
}

workflow.onComplete {
    if (workflow.success) {
        log.info "stdeconv: results in ${params.outdir} (run reports in ${params.outdir}/pipeline_info)"
    } else {
        log.info "stdeconv: failed; fix the cause and rerun with -resume to reuse the finished tasks"
    }
}
