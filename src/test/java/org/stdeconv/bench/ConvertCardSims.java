package org.stdeconv.bench;

import org.stdeconv.io.h5ad.H5adWriter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** Writes the CARD-simulated sets as .h5ad (true_<type>, spatial): {@code ConvertCardSims SRC_DIR OUT_DIR [GENE_LIST] SET...}. */
public final class ConvertCardSims {
    public static void main(String[] args) throws Exception {
        Path src = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        Set<String> genes = null;
        int first = 2;
        if (args.length > 2 && Files.isRegularFile(Path.of(args[2]))) {
            genes = new HashSet<>(Files.readAllLines(Path.of(args[2])));
            genes.removeIf(String::isBlank);
            first = 3;
        }
        for (int i = first; i < args.length; i++) {
            var d = CardSimSet.read(src, args[i], genes);
            H5adWriter.write(d, out.resolve("set" + args[i] + ".h5ad"));
            System.err.println("set " + args[i] + ": " + d.nObs() + " spots x " + d.nVars() + " genes");
        }
    }
}
