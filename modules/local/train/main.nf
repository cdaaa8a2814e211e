// Once: train the network on the simulated spots, adapting to the target slides (every QC'd slide, or --target_sample's).
include { stdeconvEnv; versionsYml } from '../stdeconv_task'
process TRAIN {
    tag "${ids.join(',')}"
    label 'process_high'
    label 'process_long'

    input:
    path training_data
    tuple val(ids), path(slides, stageAs: 'qc_slides/?/slide.h5ad')   // sample ids and their QC'd slides, in the same order
    path config

    output:
    path 'model',        emit: model
    path 'versions.yml', emit: versions

    script:
    def args = task.ext.args ?: ''   // seed, preset and the user's --train_set (conf/modules.config)
    // one staged file comes as a path, several as a list of paths; every QC'd slide is called slide.h5ad, so each is
    // linked as targets/<sample>.h5ad, the name the log and model.yaml then show (-f: a task resumed after a kill
    // reruns in the folder it left)
    def slideList = slides instanceof java.nio.file.Path ? [slides] : slides.collect { it }
    def links = [ids, slideList].transpose().collect { id, slide -> "ln -sfn ../${slide} targets/${id}.h5ad" }.join('\n    ')
    def targets = ids.collect { "targets/${it}.h5ad" }.join(', ')
    """
    ${stdeconvEnv(task, params.stdeconv_build)}
    mkdir -p targets
    ${links}
    stdeconv train --config ${config} \\
        --set training_data=${training_data} \\
        --set 'target=[${targets}]' \\
        --set model_dir=model \\
        --set threads=${task.cpus ?: 1} \\
        ${args}
    ${versionsYml(task)}
    """

    stub:
    """
    mkdir -p model
    touch model/model.yaml model/parameters.bin model/train.config.yaml model/training_metrics.tsv model/loss_curve.png model/loss_curve.svg
    ${versionsYml(task, true)}
    """
}
