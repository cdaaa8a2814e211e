package org.stdeconv.simulate;

/**
 * A stationary Gaussian random field with unit variance, evaluated at arbitrary 2-D locations: white noise on a
 * regular grid covering the locations (plus a margin, so the edges are as smooth as the middle), convolved with a
 * Gaussian kernel of standard deviation {@code lengthScale}, read off by bilinear interpolation. The field's
 * correlation at distance d is about exp(-d^2 / (4 lengthScale^2)).
 */
final class GaussianRandomField {
    /** Grid points per kernel standard deviation (finer gives nothing visible at spot resolution). */
    private static final double POINTS_PER_SIGMA = 2.0;
    private static final long MAX_GRID_POINTS = 4_000_000;

    private GaussianRandomField() {
    }

    /** Values of one field realisation at {@code xy}, drawn from {@code random}. */
    static double[] sample(double[][] xy, double lengthScale, SpotRandom random) {
        double x0 = Double.POSITIVE_INFINITY, y0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (double[] p : xy) {
            x0 = Math.min(x0, p[0]); x1 = Math.max(x1, p[0]);
            y0 = Math.min(y0, p[1]); y1 = Math.max(y1, p[1]);
        }
        double spacing = lengthScale / POINTS_PER_SIGMA;
        double margin = 3 * lengthScale;
        int nx, ny;
        while (true) {
            nx = (int) Math.ceil((x1 - x0 + 2 * margin) / spacing) + 1;
            ny = (int) Math.ceil((y1 - y0 + 2 * margin) / spacing) + 1;
            if ((long) nx * ny <= MAX_GRID_POINTS) break;
            spacing *= 1.5; // a long length scale on a huge slide: coarser grid, the kernel covers fewer points
        }
        double sigma = lengthScale / spacing; // in grid steps
        int radius = (int) Math.ceil(3 * sigma);
        double[] kernel = new double[2 * radius + 1];
        double sq = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = Math.exp(-0.5 * i * i / (sigma * sigma));
            sq += kernel[i + radius] * kernel[i + radius];
        }
        // unit variance: white noise through a separable kernel has variance (sum of squared 1-D weights)^2
        double norm = 1 / Math.sqrt(sq);
        for (int i = 0; i < kernel.length; i++) kernel[i] *= norm;

        double[] grid = new double[nx * ny];
        for (int i = 0; i < grid.length; i++) grid[i] = random.nextGaussian();
        double[] tmp = new double[grid.length];
        // rows (x direction), index = ix * ny + iy
        for (int ix = 0; ix < nx; ix++) {
            for (int iy = 0; iy < ny; iy++) {
                double s = 0;
                for (int d = -radius; d <= radius; d++) {
                    int jx = ix + d;
                    if (jx >= 0 && jx < nx) s += kernel[d + radius] * grid[jx * ny + iy];
                }
                tmp[ix * ny + iy] = s;
            }
        }
        for (int ix = 0; ix < nx; ix++) {
            for (int iy = 0; iy < ny; iy++) {
                double s = 0;
                for (int d = -radius; d <= radius; d++) {
                    int jy = iy + d;
                    if (jy >= 0 && jy < ny) s += kernel[d + radius] * tmp[ix * ny + jy];
                }
                grid[ix * ny + iy] = s;
            }
        }
        double[] out = new double[xy.length];
        for (int i = 0; i < xy.length; i++) {
            double gx = (xy[i][0] - x0 + margin) / spacing, gy = (xy[i][1] - y0 + margin) / spacing;
            int ix = Math.min((int) gx, nx - 2), iy = Math.min((int) gy, ny - 2);
            double fx = gx - ix, fy = gy - iy;
            out[i] = (1 - fx) * (1 - fy) * grid[ix * ny + iy] + fx * (1 - fy) * grid[(ix + 1) * ny + iy]
                    + (1 - fx) * fy * grid[ix * ny + iy + 1] + fx * fy * grid[(ix + 1) * ny + iy + 1];
        }
        return out;
    }
}
