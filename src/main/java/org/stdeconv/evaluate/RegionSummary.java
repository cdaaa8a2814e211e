package org.stdeconv.evaluate;

import org.stdeconv.stats.ClusterAgreement;
import org.stdeconv.stats.KMeans;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Predicted proportions against a region/layer annotation: the mean proportion of each type per region, and how
 * well k-means on the proportions (k = number of regions) recovers the regions (purity, adjusted Rand index).
 * Unannotated spots (label null) are left out of everything. Regions are sorted by name so output order does not
 * depend on spot order.
 */
public record RegionSummary(List<String> regions, int[] spotsPerRegion, double[][] meanByRegion, double purity,
                            double adjustedRandIndex, int[] clusterPerSpot, String note) {

    public static RegionSummary compute(double[][] proportions, String[] labels, long seed, int restarts) {
        List<String> regions = new ArrayList<>(new TreeSet<>(annotated(labels)));
        int k = proportions.length == 0 ? 0 : proportions[0].length;
        int[] count = new int[regions.size()];
        double[][] mean = new double[regions.size()][k];
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == null) continue;
            rows.add(i);
            int r = regions.indexOf(labels[i]);
            count[r]++;
            for (int j = 0; j < k; j++) mean[r][j] += proportions[i][j];
        }
        for (int r = 0; r < regions.size(); r++) for (int j = 0; j < k; j++) mean[r][j] /= count[r];

        int[] clusterPerSpot = new int[labels.length];
        java.util.Arrays.fill(clusterPerSpot, -1);
        double purity = Double.NaN, ari = Double.NaN;
        String note = "";
        if (regions.size() < 2) {
            note = "cluster purity needs at least 2 annotated regions, found " + regions.size();
        } else {
            double[][] points = new double[rows.size()][];
            String[] truth = new String[rows.size()];
            for (int a = 0; a < rows.size(); a++) {
                points[a] = proportions[rows.get(a)];
                truth[a] = labels[rows.get(a)];
            }
            try {
                KMeans.Result km = KMeans.fit(points, regions.size(), seed, restarts, 300);
                for (int a = 0; a < rows.size(); a++) clusterPerSpot[rows.get(a)] = km.labels()[a];
                purity = ClusterAgreement.purity(truth, km.labels());
                ari = ClusterAgreement.adjustedRandIndex(truth, km.labels());
                // one spot per region scores a perfect 1.0 whatever the proportions: a per-spot id or a continuous
                // column taken as regions; said beside the figures rather than left to look like a result
                if (regions.size() * 2 > rows.size()) {
                    note = regions.size() + " regions for " + rows.size() + " annotated spots (fewer than 2 spots a region): cluster purity and ARI mean little here;"
                            + " give a region annotation with few labels";
                }
            } catch (IllegalArgumentException e) {
                note = "no k-means clustering: " + e.getMessage();
            }
        }
        return new RegionSummary(regions, count, mean, purity, ari, clusterPerSpot, note);
    }

    private static List<String> annotated(String[] labels) {
        List<String> out = new ArrayList<>();
        for (String l : labels) if (l != null) out.add(l);
        return out;
    }
}
