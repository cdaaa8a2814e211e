// Per slide: filter cells/spots/genes of the reference and the slide, pick the shared informative genes.
include { stdeconvEnv; setArgs; versionsYml } from '../functions'
process QC {
    tag "${meta.id}"
    label 'stdeconv_light'

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
    """
    # stdeconv build ${params.stdeconv_build}
    ${stdeconvEnv(task)}
    stdeconv qc --config ${config} \\
        --set reference=${reference} \\
        --set slide=${slide} \\
        --set output_dir=qc \\
        ${setArgs(params.qc_set)}
    ${versionsYml(task)}
    """

    stub:
    """
    mkdir -p qc
    touch qc/reference.h5ad qc/slide.h5ad qc/genes.tsv qc/qc.html
    echo '{"slide": {"spots_after": 400}}' > qc/qc.json
    ${versionsYml(task, true)}
    """
}
