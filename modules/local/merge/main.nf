// Per chunked slide: join the chunk outputs into exactly what one infer run would have written.
include { stdeconvEnv; versionsYml } from '../stdeconv_task'
process MERGE {
    tag "${meta.id}"
    label 'process_single'

    input:
    tuple val(meta), path(chunks, stageAs: 'chunks/*')

    output:
    tuple val(meta), path('infer'), emit: dir
    path 'versions.yml',            emit: versions

    script:
    def args = task.ext.args ?: ''
    // chunk folders are named infer_chunk_I_of_N: order them by I so the merge sees spot ranges in order
    def ordered = chunks.toList().sort { (it.name =~ /infer_chunk_(\d+)_of_/)[0][1] as int }
    """
    ${stdeconvEnv(task, params.stdeconv_build)}
    stdeconv merge --output-dir infer ${args} ${ordered.join(' ')}
    ${versionsYml(task)}
    """

    stub:
    """
    mkdir -p infer
    touch infer/proportions.tsv infer/annotated.h5ad infer/infer.config.yaml
    ${versionsYml(task, true)}
    """
}
