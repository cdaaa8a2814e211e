// Per slide (or per spot range of a large slide): predict the cell-type proportions of every spot.
include { stdeconvEnv; versionsYml } from '../stdeconv_task'
process INFER {
    tag "${meta.id}${range ? ' chunk ' + range : ''}"
    label 'process_medium'

    input:
    tuple val(meta), path(slide), val(range)   // range: '' for the whole slide, or "i/n" for the i-th of n spot ranges
    path model
    path config

    output:
    tuple val(meta), path("${outputName(range)}"), emit: dir
    path 'versions.yml',                           emit: versions

    script:
    def args = task.ext.args ?: ''
    def out = outputName(range)
    def rangeArg = range ? "--set chunk=${range}" : ''
    """
    ${stdeconvEnv(task, params.stdeconv_build)}
    stdeconv infer --config ${config} \\
        --set model_dir=${model} \\
        --set slide=${slide} \\
        --set output_dir=${out} \\
        ${rangeArg} \\
        ${args}
    ${versionsYml(task)}
    """

    stub:
    def out = outputName(range)
    """
    mkdir -p ${out}
    touch ${out}/proportions.tsv ${out}/annotated.h5ad ${out}/infer.config.yaml
    ${versionsYml(task, true)}
    """
}

/** "infer" for a whole slide, "infer_chunk_I_of_N" for a spot range (MERGE orders chunks by I). */
def outputName(String range) {
    return range ? "infer_chunk_${range.replace('/', '_of_')}" : 'infer'
}
