package org.stdeconv.demo;

import org.stdeconv.io.h5ad.H5adWriter;
import org.stdeconv.log.Log;
import org.stdeconv.config.OutputPath;
import org.stdeconv.step.OutputStage;
import org.stdeconv.step.StepFrame;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "demo-data", mixinStandardHelpOptions = true,
        description = {"Write synthetic data with known answers: reference.h5ad (labelled cells, obs cell_type),",
                "slide.h5ad (spots on a grid with true_<type> proportions) and markers.tsv (marker genes per type)."})
public final class DemoDataCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}); the same seed gives the same files.")
    long seed;

    @Option(names = "--cells-per-type", defaultValue = "150", description = "Reference cells per cell type (default ${DEFAULT-VALUE}).")
    int cellsPerType;

    @Option(names = "--genes", defaultValue = "1000", description = "Genes, markers included (default ${DEFAULT-VALUE}).")
    int genes;

    @Option(names = "--grid", defaultValue = "20", description = "The slide is GRID x GRID spots (default ${DEFAULT-VALUE}).")
    int grid;


    static final int MAX_CELLS_PER_TYPE = 5_000, MAX_GENES = 20_000, MAX_GRID = 300;

    @Override
    public Integer call() throws IOException {
        DemoData.Params d = DemoData.Params.defaults();
        if (cellsPerType < 3 || genes < 160 || grid < 2) {
            throw new org.stdeconv.ConfigException("demo-data: need --cells-per-type >= 3, --genes >= 160 (markers and mitochondrial genes), --grid >= 2");
        }
        // a demo set is made whole in memory: bound it before grid x grid wraps around (a 1-spot slide, exit 0)
        if (cellsPerType > MAX_CELLS_PER_TYPE || genes > MAX_GENES || grid > MAX_GRID) {
            throw new org.stdeconv.ConfigException("demo-data: need --cells-per-type <= " + MAX_CELLS_PER_TYPE + ", --genes <= " + MAX_GENES + ", --grid <= " + MAX_GRID
                    + " (a demo set is made in memory; real data sets go through qc)");
        }
        // the steps' checks before the work: the stage would replace an existing file by the folder
        StepFrame.checkOutput("--out", out, OutputPath.Kind.FOLDER, List.of());
        DemoData data = DemoData.generate(seed, new DemoData.Params(cellsPerType, genes, d.markersPerType(), grid, d.cellsPerSpot(),
                d.meanLibrarySize(), d.markerFoldChange(), d.dispersion()));
        try (OutputStage stage = OutputStage.forDirectory(out, "markers.tsv")) {
            H5adWriter.writeDirect(data.reference(), stage.path("reference.h5ad"));
            H5adWriter.writeDirect(data.slide(), stage.path("slide.h5ad"));
            StringBuilder sb = new StringBuilder("gene\tcell_type\n");
            for (Map.Entry<String, List<String>> e : data.markers().entrySet()) for (String g : e.getValue()) sb.append(g).append('\t').append(e.getKey()).append('\n');
            Files.writeString(stage.path("markers.tsv"), sb.toString());
            stage.commit();
        }
        Log.info("demo data: %d reference cells, %d spots, %d genes -> %s", data.reference().nObs(), data.slide().nObs(), data.reference().nVars(), out);
        return 0;
    }
}
