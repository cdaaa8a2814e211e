// Synthetic labelled reference + slide with known proportions (the test profile's input).
include { stdeconvEnv; versionsYml } from '../stdeconv_task'
process DEMO_DATA {
    tag "seed ${seed}"
    label 'process_single'

    input:
    val seed

    output:
    path 'demo_data/reference.h5ad', emit: reference
    path 'demo_data/slide.h5ad',     emit: slide
    path 'demo_data/markers.tsv',    emit: markers
    path 'versions.yml',             emit: versions

    script:
    def args = task.ext.args ?: ''
    """
    ${stdeconvEnv(task, params.stdeconv_build)}
    stdeconv demo-data --out demo_data --seed ${seed} ${args}
    ${versionsYml(task)}
    """

    stub:
    """
    mkdir -p demo_data
    touch demo_data/reference.h5ad demo_data/slide.h5ad demo_data/markers.tsv
    ${versionsYml(task, true)}
    """
}
