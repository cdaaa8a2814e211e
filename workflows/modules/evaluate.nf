// Per slide: metrics against the truth when there is one; biology checks (NNLS baseline, markers, regions, loss
// curves) from the QC'd slide and reference and the model; plots and an HTML report in any case.
include { stdeconvEnv; setArgs; versionsYml } from '../functions'
process EVALUATE {
    tag "${meta.id}"
    label 'stdeconv_light'

    input:
    // each in its own folder: the truth may well be the raw slide, named like the QC'd one
    tuple val(meta), path(predictions), path(truth, stageAs: 'truth/*'), path(slide, stageAs: 'qc_slide/*'), path(reference, stageAs: 'qc_reference/*')
    path model
    path config

    output:
    tuple val(meta), path('evaluate'), emit: dir
    path 'versions.yml',               emit: versions

    script:
    def truthArg = truth ? "--set truth=${truth}" : ''
    """
    # stdeconv build ${params.stdeconv_build}
    ${stdeconvEnv(task)}
    stdeconv evaluate --config ${config} \\
        --set predictions=${predictions}/proportions.tsv \\
        ${truthArg} \\
        --set slide=${slide} \\
        --set reference=${reference} \\
        --set model_dir=${model} \\
        --set output_dir=evaluate \\
        ${setArgs(params.evaluate_set)}
    ${versionsYml(task)}
    """

    stub:
    """
    mkdir -p evaluate
    echo '{}' > evaluate/metrics.json
    touch evaluate/report.html
    ${versionsYml(task, true)}
    """
}
