// Once: pseudo-spots with known proportions, mixed from the QC'd reference and thinned to the QC'd target slide's depths.
include { stdeconvEnv; setArgs; versionsYml } from '../functions'
process SIMULATE {
    tag "${meta.id}"
    label 'stdeconv_light'

    input:
    tuple val(meta), path(reference, stageAs: 'input_reference/*'), path(slide, stageAs: 'input_slide/*')
    path config

    output:
    path 'simulate/simulated.h5ad', emit: spots
    path 'simulate',                emit: dir
    path 'versions.yml',            emit: versions

    script:
    def spots = params.simulate_spots ? "--set n_spots=${params.simulate_spots}" : ''
    """
    # stdeconv build ${params.stdeconv_build}
    ${stdeconvEnv(task)}
    mkdir -p simulate
    stdeconv simulate --config ${config} \\
        --set reference=${reference} \\
        --set target_slide=${slide} \\
        --set output=simulate/simulated.h5ad \\
        --set seed=${params.seed} \\
        ${spots} \\
        ${setArgs(params.simulate_set)}
    ${versionsYml(task)}
    """

    stub:
    """
    mkdir -p simulate
    touch simulate/simulated.h5ad
    ${versionsYml(task, true)}
    """
}
