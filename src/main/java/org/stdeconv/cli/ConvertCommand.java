package org.stdeconv.cli;

import org.stdeconv.ConfigException;
import org.stdeconv.InputDataException;
import org.stdeconv.NotARegularFile;
import org.stdeconv.config.OutputPath;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.io.ExpressionReaders;
import org.stdeconv.io.ReadOptions;
import org.stdeconv.io.h5ad.H5adWriter;
import org.stdeconv.log.Log;
import org.stdeconv.step.StepFrame;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Read any supported expression input and write it as AnnData .h5ad (counts as CSR float32, obs columns, obsm['spatial']).",
                "Inputs: .h5ad; Space Ranger 'outs' folder or 10x .h5; MatrixMarket folder or .mtx[.gz] with its name lists beside it",
                "(e.g. sc_counts.mtx.gz + sc_genes.txt.gz + sc_barcodes.txt.gz, and sc_*.csv side tables joined by id); CSV/TSV[.gz] tables.",
                "The output appears only when complete; on bad input nothing is written."})
public final class ConvertCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "Input file or folder.")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT.h5ad", description = "Output .h5ad file.")
    Path output;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Input format: auto (default), h5ad, tenx, mtx, csv.")
    String format = "auto";

    @Option(names = "--orientation", paramLabel = "WAY", description = "Table/MatrixMarket layout: auto (default), genes-by-spots, spots-by-genes.")
    String orientation = "auto";

    @Option(names = "--obs", paramLabel = "TABLE", description = "CSV/TSV keyed by observation id (first column) to join as obs columns; x/y columns become coordinates. Repeatable.")
    List<Path> obsTables = new ArrayList<>();

    @Option(names = "--truth", paramLabel = "TABLE", description = "Spots x cell types proportions (e.g. pseudo_data_ratio_01.csv.gz), by spot id or in spot order; stored as true_<type> columns.")
    Path truth;

    @Option(names = "--tenx-coordinates", paramLabel = "KIND", description = "Space Ranger coordinates to use: pixel (default; full-resolution image, as scanpy) or array (grid).")
    String tenxCoordinates = "pixel";

    @Option(names = "--var-names", paramLabel = "COLUMN", description = "Name the genes by this var column of an .h5ad instead of its index (as scanpy's var_names), e.g. feature_name where the index holds Ensembl ids (cellxgene); duplicates become NAME-1, NAME-2.")
    String varNames;

    @Option(names = "--require-coordinates", description = "Fail (exit 3) unless every observation gets finite coordinates.")
    boolean requireCoordinates;


    @Override
    public Integer call() {
        if (!output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".h5ad")) {
            throw new ConfigException("OUT must end in .h5ad (got " + output + ")");
        }
        // the steps' checks before the (long) read: OUT must not be IN or a side table, nor an existing folder
        List<StepFrame.NamedInput> inputs = new ArrayList<>();
        inputs.add(new StepFrame.NamedInput("IN", input));
        for (Path t : obsTables) inputs.add(new StepFrame.NamedInput("--obs", t));
        if (truth != null) inputs.add(new StepFrame.NamedInput("--truth", truth));
        StepFrame.checkOutput("OUT.h5ad", output, OutputPath.Kind.FILE, inputs);
        // a side table's reader knows its file, not the option that named it
        for (StepFrame.NamedInput in : inputs.subList(1, inputs.size())) {
            if (!Files.isRegularFile(in.path())) throw new InputDataException(in.path(), in.key(), NotARegularFile.what(in.path(), "table"), "check the " + in.key() + " path");
        }
        ReadOptions o = ReadOptions.defaults().withFormat(choice("--format", format, ReadOptions.Format.values()))
                .withOrientation(choice("--orientation", orientation, ReadOptions.Orientation.values()))
                .withTenxCoordinates(choice("--tenx-coordinates", tenxCoordinates, ReadOptions.TenxCoordinates.values())).withRequireCoordinates(requireCoordinates).withTruthTable(truth);
        if (varNames != null) {
            if (varNames.isBlank()) throw new ConfigException("--var-names: empty column name; give a var column such as feature_name, or leave the option out");
            o = o.withVarNamesColumn(varNames.strip());
        }
        for (Path t : obsTables) o = o.withObsTable(t);
        ExpressionData d = ExpressionReaders.read(input, o);
        H5adWriter.write(d, output);
        Log.info("wrote %s: %d obs x %d genes, %d non-zeros%s", output, d.nObs(), d.nVars(), d.counts().nnz(), d.hasSpatial() ? ", with coordinates" : "");
        return 0;
    }

    /** Enum options are written in lower case (their toString), as in the YAML configs. */
    private static <E extends Enum<E>> E choice(String option, String value, E[] values) {
        for (E e : values) if (e.toString().equalsIgnoreCase(value.trim())) return e;
        throw new ConfigException(option + ": unknown value '" + value + "'; use one of " + java.util.Arrays.toString(values));
    }
}
