/*
 * The stdeconv workflow: QC per slide -> SIMULATE once -> TRAIN once (adapting to all slides) -> INFER per slide (large slides in chunks, then
 * MERGE) -> EVALUATE per slide -> SUMMARY of the run. Settings reach the modules through conf/modules.config
 * (task.ext.*), the step configs through the config inputs.
 */
include { QC       } from '../modules/local/qc/main'
include { SIMULATE } from '../modules/local/simulate/main'
include { TRAIN    } from '../modules/local/train/main'
include { INFER    } from '../modules/local/infer/main'
include { MERGE    } from '../modules/local/merge/main'
include { EVALUATE } from '../modules/local/evaluate/main'
include { SUMMARY  } from '../modules/local/summary/main'
include { slideSpotCount; chunkLabels } from '../subworkflows/local/utils_stdeconv_pipeline/main'

workflow STDECONV {
    take:
    reference     // value channel: file
    samples       // channel: [meta, slide, truth or []]
    target        // value channel: id of the sample whose QC'd reference SIMULATE uses and whose slide's depths guide it
    configs       // map: step -> YAML config file
    chunk_spots   // int: slides above this many spots are inferred in chunks

    main:
    QC(samples.map { meta, slide, truth -> [meta, slide] }.combine(reference), configs.qc)

    // the target slide's depths guide the thinning of the pseudo-spots (target_slide of simulate)
    ch_target_qc = QC.out.reference.join(QC.out.slide).combine(target).filter { meta, ref, slide, t -> meta.id == t }
    SIMULATE(ch_target_qc.map { meta, ref, slide, t -> [meta, ref, slide] }, configs.simulate)
    // TRAIN adapts to every QC'd slide (all of them are inferred with its model), or to --target_sample's alone when
    // that is given; in sample-id order, so that the target list (and -resume) does not depend on task order
    ch_train_targets = QC.out.slide
        .filter { meta, slide -> !params.target_sample || meta.id == params.target_sample }
        .toSortedList { a, b -> a[0].id <=> b[0].id }
        .map { rows -> [rows.collect { it[0].id }, rows.collect { it[1] }] }
    TRAIN(SIMULATE.out.spots, ch_train_targets, configs.train)

    // slides above chunk_spots spots become several INFER tasks over spot ranges, joined again by MERGE
    ch_infer_inputs = QC.out.slide.join(QC.out.json).flatMap { meta, slide, json ->
        def labels = chunkLabels(slideSpotCount(json), chunk_spots as int)
        labels.collect { chunk -> [meta + [chunks: labels.size()], slide, chunk] }
    }
    ch_model = TRAIN.out.model.first()
    INFER(ch_infer_inputs, ch_model, configs.infer)

    ch_infer = INFER.out.dir.branch { meta, dir ->
        single: meta.chunks == 1
        chunked: true
    }
    MERGE(ch_infer.chunked
        .map { meta, dir -> [groupKey(meta, meta.chunks), dir] }
        .groupTuple()
        .map { key, dirs -> [key.getGroupTarget(), dirs] })

    ch_inferred = ch_infer.single.mix(MERGE.out.dir).map { meta, dir -> [meta.id, dir] }
    ch_evaluate = ch_inferred
        .join(samples.map { meta, slide, truth -> [meta.id, meta, truth] })
        .join(QC.out.slide.join(QC.out.reference).map { meta, slide, ref -> [meta.id, slide, ref] })
        .map { id, dir, meta, truth, slide, ref -> [meta, dir, truth, slide, ref] }
    EVALUATE(ch_evaluate, ch_model, configs.evaluate)

    // one SUMMARY over all samples, in sample-id order so that its inputs (and -resume) do not depend on task order
    ch_summary = QC.out.dir.map { meta, dir -> [meta.id, dir] }
        .join(ch_inferred)
        .join(EVALUATE.out.dir.map { meta, dir -> [meta.id, dir] })
        .toSortedList { a, b -> a[0] <=> b[0] }
    SUMMARY(
        ch_summary.map { rows -> rows.collect { it[0] } },
        ch_summary.map { rows -> rows.collect { it[1] } },
        ch_summary.map { rows -> rows.collect { it[2] } },
        ch_summary.map { rows -> rows.collect { it[3] } },
        ch_model)

    emit:
    summary  = SUMMARY.out.html
    versions = QC.out.versions.mix(SIMULATE.out.versions, TRAIN.out.versions, INFER.out.versions,
        MERGE.out.versions, EVALUATE.out.versions)
}
