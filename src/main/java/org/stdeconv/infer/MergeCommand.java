package org.stdeconv.infer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Join the outputs of chunked infer runs into what one run would write.",
                "Give the output folders of the infer runs with chunk: 1/n ... n/n of one slide (any order). The merge folder "
                        + "then holds proportions.tsv, annotated.h5ad and infer.config.yaml byte for byte as a single infer run with "
                        + "output_dir set to that folder would have written them."},
        footer = {"", "Example: stdeconv merge --output-dir results/slide1 chunks/1 chunks/2 chunks/3"})
public final class MergeCommand implements Callable<Integer> {
    @Option(names = "--output-dir", required = true, paramLabel = "DIR", description = "Folder for the merged outputs (created; files are replaced atomically).")
    Path outputDir;

    @Parameters(arity = "1..*", paramLabel = "CHUNK_DIR", description = "Output folder of one chunked infer run.")
    List<Path> chunkDirs;


    @Override
    public Integer call() {
        ChunkMerger.merge(chunkDirs, outputDir);
        return 0;
    }
}
