// Once: train the network on the simulated spots, adapting to the target slide.
include { stdeconvEnv; versionsYml } from '../stdeconv_task'
process TRAIN {
    tag "${meta.id}"
    label 'process_high'
    label 'process_long'

    input:
    path training_data
    tuple val(meta), path(target)
    path config

    output:
    path 'model',        emit: model
    path 'versions.yml', emit: versions

    script:
    def args = task.ext.args ?: ''   // seed, preset and the user's --train_set (conf/modules.config)
    """
    ${stdeconvEnv(task, params.stdeconv_build)}
    stdeconv train --config ${config} \\
        --set training_data=${training_data} \\
        --set target=${target} \\
        --set model_dir=model \\
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
