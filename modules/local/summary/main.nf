// Once, last: <outdir>/pipeline_info/summary.html, the page to open first (bin/stdeconv-summary writes it).
process SUMMARY {
    label 'process_single'

    input:
    val ids                                            // sample ids, in the order of the folders below
    path qc_dirs,       stageAs: 'samples/qc?/*'       // each sample's qc/ folder
    path infer_dirs,    stageAs: 'samples/infer?/*'    // each sample's (merged) infer/ folder
    path evaluate_dirs, stageAs: 'samples/evaluate?/*' // each sample's evaluate/ folder
    path model

    output:
    path 'summary.html', emit: html

    script:
    def args = task.ext.args ?: ''
    def n = ids.size()
    // with one sample Nextflow stages samples/qc1/qc as given; with several, samples/qcI/qc in list order
    def samples = (0..<n).collect { i -> "--sample ${ids[i]} samples/qc${i + 1}/qc samples/infer${i + 1}/infer samples/evaluate${i + 1}/evaluate" }
    """
    stdeconv-summary --out summary.html --model ${model} ${args} ${samples.join(' ')}
    """

    stub:
    """
    touch summary.html
    """
}
