// Once: pseudo-spots with known proportions, mixed from the QC'd reference and thinned to the QC'd target slide's depths.
include { stdeconvEnv; versionsYml } from '../stdeconv_task'
process SIMULATE {
    tag "${meta.id}"
    label 'process_low'

    input:
    tuple val(meta), path(reference, stageAs: 'input_reference/*'), path(slide, stageAs: 'input_slide/*')
    path config

    output:
    path 'simulate/simulated.h5ad', emit: spots
    path 'simulate',                emit: dir
    path 'versions.yml',            emit: versions

    script:
    def args = task.ext.args ?: ''   // seed, n_spots and the user's --simulate_set (conf/modules.config)
    """
    ${stdeconvEnv(task, params.stdeconv_build)}
    mkdir -p simulate
    stdeconv simulate --config ${config} \\
        --set reference=${reference} \\
        --set target_slide=${slide} \\
        --set output=simulate/simulated.h5ad \\
        ${args}
    ${versionsYml(task)}
    """

    stub:
    """
    mkdir -p simulate
    touch simulate/simulated.h5ad simulate/simulated.config.yaml
    ${versionsYml(task, true)}
    """
}
