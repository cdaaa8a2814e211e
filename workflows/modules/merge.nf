// Per chunked slide: join the chunk outputs into exactly what one infer run would have written.
include { stdeconvEnv; versionsYml } from '../functions'
process MERGE {
    tag "${meta.id}"
    label 'stdeconv_light'

    input:
    tuple val(meta), path(chunks, stageAs: 'chunks/*')

    output:
    tuple val(meta), path('infer'), emit: dir
    path 'versions.yml',            emit: versions

    script:
    // chunk folders are named infer_chunk_I_of_N: order them by I so the merge sees spot ranges in order
    def ordered = chunks.toList().sort { (it.name =~ /infer_chunk_(\d+)_of_/)[0][1] as int }
    """
    # stdeconv build ${params.stdeconv_build}
    ${stdeconvEnv(task)}
    stdeconv merge --output-dir infer ${ordered.join(' ')}
    ${versionsYml(task)}
    """

    stub:
    """
    mkdir -p infer
    touch infer/proportions.tsv infer/proportions.h5ad
    ${versionsYml(task, true)}
    """
}
