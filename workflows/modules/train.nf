// Once: train the network on the simulated spots, adapting to the target slide.
include { stdeconvEnv; setArgs; versionsYml } from '../functions'
process TRAIN {
    tag "${meta.id}"
    label 'stdeconv_train'

    input:
    path training_data
    tuple val(meta), path(target)
    path config

    output:
    path 'model',        emit: model
    path 'versions.yml', emit: versions

    script:
    def preset = params.train_preset ? "--set preset=${params.train_preset}" : ''
    """
    # stdeconv build ${params.stdeconv_build}
    ${stdeconvEnv(task)}
    stdeconv train --config ${config} \\
        --set training_data=${training_data} \\
        --set target=${target} \\
        --set model_dir=model \\
        --set seed=${params.seed} \\
        ${preset} \\
        ${setArgs(params.train_set)}
    ${versionsYml(task)}
    """

    stub:
    """
    mkdir -p model
    touch model/model.yaml
    ${versionsYml(task, true)}
    """
}
