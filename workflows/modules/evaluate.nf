// Per slide: metrics against the truth when there is one, plots and an HTML report in any case.
include { stdeconvEnv; setArgs; versionsYml } from '../functions'
process EVALUATE {
    tag "${meta.id}"
    label 'stdeconv_light'

    input:
    tuple val(meta), path(predictions), path(truth)
    path config

    output:
    tuple val(meta), path('evaluate'), emit: dir
    path 'versions.yml',               emit: versions

    script:
    def truthArg = truth ? "--set truth=${truth}" : ''
    """
    ${stdeconvEnv(task)}
    stdeconv evaluate --config ${config} \\
        --set predictions=${predictions}/proportions.tsv \\
        ${truthArg} \\
        --set output_dir=evaluate \\
        ${setArgs(params.evaluate_set)}
    ${versionsYml(task)}
    """

    stub:
    """
    mkdir -p evaluate
    touch evaluate/metrics.json evaluate/report.html
    ${versionsYml(task, true)}
    """
}
