package org.stdeconv.bench;

import org.stdeconv.data.ExpressionData;
import org.stdeconv.io.CsvReader;
import org.stdeconv.io.H5adWriter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the ST-deconv paper's CARD-simulated MOB sets (pseudo_data_XX.csv.gz, genes x "XxY" spots, and
 * pseudo_data_ratio_XX.csv.gz) as .h5ad with true_&lt;type&gt; columns and spatial coordinates, optionally restricted
 * to a gene list (in the list's order): {@code ConvertCardSims SRC_DIR OUT_DIR [GENE_LIST] SET...}.
 */
public final class ConvertCardSims {
    public static void main(String[] args) throws Exception {
        Path src = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        List<String> genes = null;
        int first = 2;
        if (args.length > 2 && Files.isRegularFile(Path.of(args[2]))) {
            genes = Files.readAllLines(Path.of(args[2])).stream().filter(g -> !g.isBlank()).toList();
            first = 3;
        }
        for (int i = first; i < args.length; i++) {
            ExpressionData d = CsvReader.readWithTruth(src.resolve("pseudo_data_" + args[i] + ".csv.gz"), src.resolve("pseudo_data_ratio_" + args[i] + ".csv.gz"));
            if (genes != null) d = d.alignGenes(genes);
            H5adWriter.write(d, out.resolve("set" + args[i] + ".h5ad"));
            System.err.println("set " + args[i] + ": " + d.nObs() + " spots x " + d.nVars() + " genes");
        }
    }
}
