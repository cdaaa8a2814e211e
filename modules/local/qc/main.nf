// Per slide: filter cells/spots/genes of the reference and the slide, pick the shared informative genes.
include { stdeconvEnv; versionsYml } from '../stdeconv_task'
process QC {
    tag "${meta.id}"
    label 'process_low'

    input:
    tuple val(meta), path(slide, stageAs: 'input_slide/*'), path(reference, stageAs: 'input_reference/*')
    path config

    output:
    tuple val(meta), path('qc/reference.h5ad'), emit: reference
    tuple val(meta), path('qc/slide.h5ad'),     emit: slide
    tuple val(meta), path('qc/qc.json'),        emit: json
    tuple val(meta), path('qc'),                emit: dir
    path 'versions.yml',                        emit: versions

    script:
    def args = task.ext.args ?: ''
    """
    ${stdeconvEnv(task, params.stdeconv_build)}
    stdeconv qc --config ${config} \\
        --set reference=${reference} \\
        --set slide=${slide} \\
        --set output_dir=qc \\
        ${args}
    ${versionsYml(task)}
    """

    stub:
    """
    mkdir -p qc
    touch qc/reference.h5ad qc/slide.h5ad qc/genes.tsv qc/qc.tsv qc/qc.html qc/qc.config.yaml
    touch qc/cells_per_type.png qc/reference_detected_genes.png qc/reference_total_counts.png
    touch qc/slide_detected_genes.png qc/slide_total_counts.png qc/slide_spatial_total_counts.png
    touch qc/cells_per_type.svg qc/reference_detected_genes.svg qc/reference_total_counts.svg
    touch qc/slide_detected_genes.svg qc/slide_total_counts.svg qc/slide_spatial_total_counts.svg
    echo '{"slide": {"spots_after": 400}}' > qc/qc.json
    ${versionsYml(task, true)}
    """
}
