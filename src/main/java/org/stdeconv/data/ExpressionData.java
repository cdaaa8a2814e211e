package org.stdeconv.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One expression table as stdeconv sees any input: counts (rows = cells or spots, columns = genes), row and gene
 * names, row annotations, optional 2-D coordinates and free-form string metadata (AnnData's uns, flattened).
 */
public final class ExpressionData {
    private final CsrMatrix counts;
    private final List<String> obsNames;
    private final List<String> varNames;
    private final ObsTable obs;
    private final double[][] spatial;
    private final Map<String, String> uns;
    private final Map<String, double[][]> obsm;

    public ExpressionData(CsrMatrix counts, List<String> obsNames, List<String> varNames, ObsTable obs,
                          double[][] spatial, Map<String, String> uns) {
        this(counts, obsNames, varNames, obs, spatial, uns, new LinkedHashMap<>());
    }

    public ExpressionData(CsrMatrix counts, List<String> obsNames, List<String> varNames, ObsTable obs,
                          double[][] spatial, Map<String, String> uns, Map<String, double[][]> obsm) {
        this.counts = Objects.requireNonNull(counts);
        this.obsNames = List.copyOf(obsNames);
        this.varNames = List.copyOf(varNames);
        this.obs = obs == null ? new ObsTable(counts.rows()) : obs;
        this.spatial = spatial;
        this.uns = uns == null ? new LinkedHashMap<>() : new LinkedHashMap<>(uns);
        this.obsm = obsm == null ? new LinkedHashMap<>() : new LinkedHashMap<>(obsm);
        if (obsNames.size() != counts.rows()) throw new IllegalArgumentException(obsNames.size() + " obs names for " + counts.rows() + " rows");
        if (varNames.size() != counts.cols()) throw new IllegalArgumentException(varNames.size() + " var names for " + counts.cols() + " columns");
        if (this.obs.rows() != counts.rows()) throw new IllegalArgumentException("obs table has " + this.obs.rows() + " rows, matrix " + counts.rows());
        if (spatial != null && spatial.length != counts.rows()) throw new IllegalArgumentException("spatial has " + spatial.length + " rows, matrix " + counts.rows());
    }

    public CsrMatrix counts() { return counts; }
    public List<String> obsNames() { return obsNames; }
    public List<String> varNames() { return varNames; }
    public ObsTable obs() { return obs; }
    /** n x 2 coordinates, or null when the input has none. */
    public double[][] spatial() { return spatial; }
    public boolean hasSpatial() { return spatial != null; }
    public Map<String, String> uns() { return uns; }
    /** Extra per-row matrices besides spatial (e.g. stdeconv_proportions), written to obsm. */
    public Map<String, double[][]> obsm() { return obsm; }
    public int nObs() { return counts.rows(); }
    public int nVars() { return counts.cols(); }

    public ExpressionData withCounts(CsrMatrix newCounts, List<String> newVarNames) {
        return new ExpressionData(newCounts, obsNames, newVarNames, obs, spatial, uns, obsm);
    }

    public ExpressionData selectRows(int[] rows) {
        List<String> names = new ArrayList<>(rows.length);
        for (int r : rows) names.add(obsNames.get(r));
        double[][] xy = null;
        if (spatial != null) {
            xy = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) xy[i] = spatial[rows[i]].clone();
        }
        Map<String, double[][]> m = new LinkedHashMap<>();
        obsm.forEach((k, v) -> {
            double[][] s = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) s[i] = v[rows[i]].clone();
            m.put(k, s);
        });
        return new ExpressionData(counts.selectRows(rows), names, varNames, obs.selectRows(rows), xy, uns, m);
    }

    /** Keeps the genes listed, in that order; genes absent here become zero columns. */
    public ExpressionData alignGenes(List<String> genes) {
        return withCounts(counts.remapColumns(GeneAlignment.of(varNames, genes).sourceColumns()), genes);
    }

    public Map<String, Integer> varIndex() {
        Map<String, Integer> m = new HashMap<>(varNames.size() * 2);
        for (int j = 0; j < varNames.size(); j++) m.put(varNames.get(j), j);
        return m;
    }
}
