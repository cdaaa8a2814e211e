// Synthetic labelled reference + slide with known proportions (the test profile's input).
include { stdeconvEnv; versionsYml } from '../functions'
process DEMO_DATA {
    tag "seed ${seed}"
    label 'stdeconv_light'

    input:
    val seed

    output:
    path 'demo_data/reference.h5ad', emit: reference
    path 'demo_data/slide.h5ad',     emit: slide
    path 'versions.yml',        emit: versions

    script:
    """
    # stdeconv build ${params.stdeconv_build}
    ${stdeconvEnv(task)}
    stdeconv demo-data --out demo_data --seed ${seed}
    ${versionsYml(task)}
    """

    stub:
    """
    mkdir -p demo_data
    touch demo_data/reference.h5ad demo_data/slide.h5ad
    ${versionsYml(task, true)}
    """
}
