// Per slide: metrics against the truth when there is one; biology checks (NNLS baseline, markers, regions, loss
// curves) from the QC'd slide and reference and the model; plots and an HTML report in any case.
include { stdeconvEnv; versionsYml } from '../stdeconv_task'
process EVALUATE {
    tag "${meta.id}"
    label 'process_low'

    input:
    // each in its own folder: the truth may well be the raw slide, named like the QC'd one
    tuple val(meta), path(predictions), path(truth, stageAs: 'truth/*'), path(slide, stageAs: 'qc_slide/*'), path(reference, stageAs: 'qc_reference/*')
    path model
    path config

    output:
    tuple val(meta), path('evaluate'), emit: dir
    path 'versions.yml',               emit: versions

    script:
    def args = task.ext.args ?: ''
    def truthArg = truth ? "--set truth=${truth}" : ''
    """
    ${stdeconvEnv(task, params.stdeconv_build)}
    stdeconv evaluate --config ${config} \\
        --set predictions=${predictions}/proportions.tsv \\
        ${truthArg} \\
        --set slide=${slide} \\
        --set reference=${reference} \\
        --set model_dir=${model} \\
        --set output_dir=evaluate \\
        ${args}
    ${versionsYml(task)}
    """

    stub:
    """
    mkdir -p evaluate/plots
    echo '{}' > evaluate/metrics.json
    touch evaluate/metrics.tsv evaluate/spots.tsv evaluate/nnls_baseline_proportions.tsv evaluate/report.html evaluate/evaluate.config.yaml
    touch evaluate/plots/spatial_pies_stdeconv.png evaluate/plots/training_losses.png
    touch evaluate/plots/spatial_pies_stdeconv.svg evaluate/plots/training_losses.svg
    ${versionsYml(task, true)}
    """
}
