package org.stdeconv.cli;

import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.SpotPlaces;
import org.stdeconv.io.ExpressionReaders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Print dimensions, obs columns, coordinate ranges and count totals of an expression file.")
public final class InspectCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = ".h5ad, 10x folder, MatrixMarket folder or CSV/TSV")
    Path file;


    @Override
    public Integer call() {
        ExpressionData d = ExpressionReaders.read(file);
        System.out.print(report(file, d));
        return 0;
    }

    static String report(Path file, ExpressionData d) {
        CsrMatrix x = d.counts();
        StringBuilder sb = new StringBuilder();
        sb.append("file: ").append(file).append('\n');
        sb.append(String.format(Locale.ROOT, "shape: %d obs x %d genes%n", d.nObs(), d.nVars()));
        sb.append(String.format(Locale.ROOT, "non-zeros: %,d (%.2f%% dense)%n", x.nnz(), 100.0 * x.nnz() / Math.max(1.0, (double) d.nObs() * d.nVars())));
        double[] sums = x.rowSums();
        double total = 0, min = Double.POSITIVE_INFINITY, max = 0;
        for (double s : sums) { total += s; min = Math.min(min, s); max = Math.max(max, s); }
        sb.append(String.format(Locale.ROOT, "total counts: %.0f (per obs: min %.0f, mean %.1f, max %.0f)%n", total, sums.length == 0 ? 0 : min, sums.length == 0 ? 0 : total / sums.length, max));
        sb.append("obs names: ").append(preview(d.obsNames())).append('\n');
        sb.append("var names: ").append(preview(d.varNames())).append('\n');
        sb.append("obs columns:\n");
        d.obs().textColumns().forEach((k, v) -> sb.append("  ").append(k).append(" (text, ").append(java.util.Arrays.stream(v).distinct().count()).append(" distinct)\n"));
        d.obs().numericColumns().forEach((k, v) -> {
            java.util.DoubleSummaryStatistics st = java.util.Arrays.stream(v).filter(Double::isFinite).summaryStatistics();
            sb.append(String.format(Locale.ROOT, "  %s (numeric, min %.4g, mean %.4g, max %.4g%s)%n", k, st.getMin(), st.getAverage(), st.getMax(), notFinite(v.length - st.getCount())));
        });
        if (d.hasSpatial()) {
            double[][] xy = d.spatial();
            // the ranges of the placed spots; a spot without a position (NaN) would make every range NaN
            double[][] placed = java.util.Arrays.stream(xy).filter(SpotPlaces::isPlaced).toArray(double[][]::new);
            java.util.DoubleSummaryStatistics xs = java.util.Arrays.stream(placed).mapToDouble(p -> p[0]).summaryStatistics();
            java.util.DoubleSummaryStatistics ys = java.util.Arrays.stream(placed).mapToDouble(p -> p[1]).summaryStatistics();
            sb.append(xs.getCount() == 0 ? "coordinates: none finite" + notFinite(xy.length) + "\n"
                    : String.format(Locale.ROOT, "coordinates: x %.4g..%.4g, y %.4g..%.4g%s%n", xs.getMin(), xs.getMax(), ys.getMin(), ys.getMax(), notFinite(xy.length - xs.getCount())));
        } else {
            sb.append("coordinates: none\n");
        }
        d.obsm().forEach((k, v) -> sb.append("obsm: ").append(k).append(" (").append(v.length).append(" x ").append(v.length == 0 ? 0 : v[0].length).append(")\n"));
        d.uns().forEach((k, v) -> sb.append("uns: ").append(k).append(" = ").append(v.length() > 80 ? v.substring(0, 77) + "..." : v).append('\n'));
        return sb.toString();
    }

    private static String preview(java.util.List<String> names) {
        int n = Math.min(5, names.size());
        return String.join(", ", names.subList(0, n)) + (names.size() > n ? ", ... (" + names.size() + ")" : "");
    }

    /** ", N not finite" (spots without a value or position), or "" when every value is finite. */
    private static String notFinite(long n) {
        return n == 0 ? "" : ", " + n + " not finite";
    }
}
