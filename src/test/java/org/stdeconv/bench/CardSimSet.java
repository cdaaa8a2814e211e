package org.stdeconv.bench;

import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ObsTable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Reads one of the ST-deconv paper's CARD-simulated MOB sets as published (pseudo_data_XX.csv.gz: genes x spots,
 * spot names "XxY"; pseudo_data_ratio_XX.csv.gz: spots x cell types in the same order) into spots x genes with
 * true_<type> obs columns and obsm spatial. A private benchmark reader until the io CSV reader lands on main.
 */
final class CardSimSet {
    private CardSimSet() {
    }

    static ExpressionData read(Path dir, String set, Set<String> keepGenes) throws IOException {
        List<String> spots;
        List<String> genes = new ArrayList<>();
        List<float[]> geneRows = new ArrayList<>();
        try (BufferedReader r = gz(dir.resolve("pseudo_data_" + set + ".csv.gz"))) {
            String[] head = split(r.readLine());
            spots = new ArrayList<>(List.of(head).subList(1, head.length));
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = split(line);
                if (keepGenes != null && !keepGenes.contains(f[0])) continue;
                float[] v = new float[spots.size()];
                for (int j = 0; j < v.length; j++) v[j] = Float.parseFloat(f[j + 1]);
                genes.add(f[0]);
                geneRows.add(v);
            }
        }
        int n = spots.size();
        float[][] rows = new float[n][genes.size()];
        for (int g = 0; g < genes.size(); g++) for (int i = 0; i < n; i++) rows[i][g] = geneRows.get(g)[i];
        ObsTable obs = new ObsTable(n);
        try (BufferedReader r = gz(dir.resolve("pseudo_data_ratio_" + set + ".csv.gz"))) {
            String[] types = split(r.readLine());
            double[][] cols = new double[types.length][n];
            for (int i = 0; i < n; i++) {
                String[] f = split(r.readLine());
                for (int t = 0; t < types.length; t++) cols[t][i] = Double.parseDouble(f[t]);
            }
            for (int t = 0; t < types.length; t++) obs.putNumeric("true_" + types[t], cols[t]);
        }
        double[][] xy = new double[n][2];
        for (int i = 0; i < n; i++) {
            String[] p = spots.get(i).split("x");
            xy[i][0] = Double.parseDouble(p[0]);
            xy[i][1] = Double.parseDouble(p[1]);
        }
        return new ExpressionData(CsrMatrix.fromDense(rows, genes.size()), spots, genes, obs, xy, new LinkedHashMap<>());
    }

    private static BufferedReader gz(Path p) throws IOException {
        return new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(p)), StandardCharsets.UTF_8));
    }

    private static String[] split(String line) {
        String[] f = line.split(",", -1);
        for (int i = 0; i < f.length; i++) if (f[i].length() >= 2 && f[i].startsWith("\"") && f[i].endsWith("\"")) f[i] = f[i].substring(1, f[i].length() - 1);
        return f;
    }
}
