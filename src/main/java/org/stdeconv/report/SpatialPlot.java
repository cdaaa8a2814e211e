package org.stdeconv.report;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Composite;
import java.awt.Graphics2D;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.nio.file.Path;
import java.util.List;

/**
 * Spot maps drawn with Java2D: one value per spot as a colour with a colour bar, or a pie of all proportions per spot
 * with a legend of the types. Chart libraries draw scatter points of one size and colour per series, which cannot
 * show a continuous value or a pie per spot, hence Java2D here and XChart for ordinary charts. Every map is written
 * as PNG and SVG ({@link DrawingFiles}); its plot area follows the slide's aspect ratio, spots are sized from their
 * spacing, and the slide's H&E image is drawn underneath when {@link SpotFrame} has one.
 */
public final class SpatialPlot {
    static final int MARGIN = 16, LEGEND_GAP = 20, LONGEST_SIDE = 560, SHORTEST_SIDE = 160;
    /** Spots over the H&E image let the tissue show a little: the map stays readable where spots overlap structure. */
    static final float OVER_IMAGE_ALPHA = 0.85f;
    static final Color NO_VALUE = new Color(0xcccccc);

    private SpatialPlot() {
    }

    public static Color categoryColor(int i) {
        return Palette.colour(i);
    }

    /** Each spot coloured by {@code value} on a dark-purple to yellow scale, with a colour bar. No image underneath. */
    public static void values(double[][] xy, double[] value, String title, Path png) {
        values(SpotFrame.of(xy, null), value, title, png);
    }

    public static void values(SpotFrame frame, double[] value, String title, Path png) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : value) if (Double.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        if (!(lo <= hi)) { lo = 0; hi = 1; }
        if (!(hi > lo)) hi = lo + 1;
        DrawingFiles.write(new SingleMap(frame, title, new ValueSpots(value, new Legends.ColourBar(lo, hi))), png);
    }

    /** A pie of all proportions at every spot, with a legend of the types. No image underneath. */
    public static void pies(double[][] xy, double[][] proportions, List<String> types, String title, Path png) {
        pies(SpotFrame.of(xy, null), proportions, types, title, png);
    }

    public static void pies(SpotFrame frame, double[][] proportions, List<String> types, String title, Path png) {
        DrawingFiles.write(new SingleMap(frame, title, new PieSpots(proportions, types)), png);
    }

    /** What a single map draws at the spots, and the legend beside it. */
    interface Layer {
        double legendWidth(double plotHeight);

        double legendHeight(double plotHeight);

        void paintSpots(Graphics2D g, SpotFrame f, SpotFrame.Area a);

        void paintLegend(Graphics2D g, double left, double top, double plotHeight);
    }

    /** Title, plot area sized from the slide's aspect ratio, legend measured to fit its labels. */
    private record SingleMap(SpotFrame frame, String title, Layer layer, double plotW, double plotH, int width, int height) implements Drawing {
        SingleMap(SpotFrame frame, String title, Layer layer) {
            this(frame, title, layer, frame.plotSize(LONGEST_SIDE, SHORTEST_SIDE));
        }

        private SingleMap(SpotFrame frame, String title, Layer layer, double[] plot) {
            this(frame, title, layer, plot[0], plot[1],
                    (int) Math.ceil(Math.max(MARGIN + plot[0] + LEGEND_GAP + layer.legendWidth(plot[1]), Legends.textWidth(title, Legends.TITLE)) + MARGIN),
                    (int) Math.ceil(top() + Math.max(plot[1], layer.legendHeight(plot[1])) + MARGIN));
        }

        static double top() {
            return MARGIN + Legends.ascent(Legends.TITLE) + 12;
        }

        @Override
        public void paint(Graphics2D g) {
            g.setColor(Legends.TEXT);
            g.setFont(Legends.TITLE);
            g.drawString(title, MARGIN, (float) (MARGIN + Legends.ascent(Legends.TITLE)));
            SpotFrame.Area area = frame.area(MARGIN, top(), plotW, plotH);
            frame.paintUnderlay(g, area);
            layer.paintSpots(g, frame, area);
            layer.paintLegend(g, MARGIN + plotW + LEGEND_GAP, top(), plotH);
        }
    }

    record ValueSpots(double[] value, Legends.ColourBar bar) implements Layer {
        @Override
        public double legendWidth(double plotHeight) {
            return bar.width();
        }

        @Override
        public double legendHeight(double plotHeight) {
            return plotHeight;
        }

        @Override
        public void paintSpots(Graphics2D g, SpotFrame f, SpotFrame.Area a) {
            paintValues(g, f, a, value, bar.lo(), bar.hi(), f.hasUnderlay());
        }

        @Override
        public void paintLegend(Graphics2D g, double left, double top, double plotHeight) {
            double o = Legends.ColourBar.overhang();
            bar.paint(g, left, top + o, plotHeight - 2 * o);
        }
    }

    /** Value spots at their true size over an image (the tissue shows between them), touching without one. */
    static void paintValues(Graphics2D g, SpotFrame f, SpotFrame.Area a, double[] value, double lo, double hi, boolean overImage) {
        double r = Math.max(0.8, (overImage ? f.trueRadius : f.fillRadius) * a.scale());
        Composite old = overImage ? translucent(g) : g.getComposite();
        Ellipse2D.Double spot = new Ellipse2D.Double();
        for (int i = 0; i < f.size(); i++) {
            g.setColor(Double.isFinite(value[i]) ? Ramp.colour((value[i] - lo) / (hi - lo)) : NO_VALUE);
            spot.setFrame(a.px(f.x[i]) - r, a.py(f.y[i]) - r, 2 * r, 2 * r);
            g.fill(spot);
        }
        g.setComposite(old);
    }

    private static Composite translucent(Graphics2D g) {
        Composite old = g.getComposite();
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, OVER_IMAGE_ALPHA));
        return old;
    }

    record PieSpots(double[][] proportions, List<String> types) implements Layer {
        Legends.Categories legend(double plotHeight) {
            return new Legends.Categories(types, Math.max(plotHeight, 240));
        }

        @Override
        public double legendWidth(double plotHeight) {
            return legend(plotHeight).width();
        }

        @Override
        public double legendHeight(double plotHeight) {
            return legend(plotHeight).height();
        }

        /** Pies fill the lattice even over an image: at true Visium size they would be a few pixels wide. */
        @Override
        public void paintSpots(Graphics2D g, SpotFrame f, SpotFrame.Area a) {
            double r = Math.max(1.5, f.fillRadius * a.scale());
            Composite old = f.hasUnderlay() ? translucent(g) : g.getComposite();
            Arc2D.Double wedge = new Arc2D.Double(Arc2D.PIE);
            for (int i = 0; i < f.size(); i++) {
                double total = 0;
                for (double p : proportions[i]) if (p > 0) total += p;
                if (!(total > 0)) continue;
                double start = 90, cx = a.px(f.x[i]), cy = a.py(f.y[i]);
                for (int j = 0; j < types.size(); j++) {
                    double ext = 360 * Math.max(0, proportions[i][j]) / total;
                    if (!(ext > 0)) continue;
                    g.setColor(Palette.colour(j));
                    if (ext >= 359.999) g.fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
                    else {
                        wedge.setArc(cx - r, cy - r, 2 * r, 2 * r, start, ext, Arc2D.PIE);
                        g.fill(wedge);
                    }
                    start += ext;
                }
            }
            g.setComposite(old);
        }

        @Override
        public void paintLegend(Graphics2D g, double left, double top, double plotHeight) {
            legend(plotHeight).paint(g, left, top);
        }
    }
}
