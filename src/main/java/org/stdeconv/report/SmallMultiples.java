package org.stdeconv.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.nio.file.Path;
import java.util.List;

/**
 * All cell types' proportion maps in one figure, a grid of small panels with one shared colour bar from 0 to the
 * largest proportion of any type: panels can be compared by colour (a per-panel scale would make a type at 2% look
 * like one at 90%). Each panel is titled with the type's full name; the panel grows to fit the longest name. No H&E
 * image underneath: an SVG would embed it once per panel (megabytes for a few types); the single-type maps have it.
 */
public final class SmallMultiples implements Drawing {
    private static final int PANEL_SIDE = 200, PANEL_SHORTEST = 70, GAP = 14, NAME_ROW = 20;
    private final SpotFrame frame;
    private final double[][] proportions;
    private final List<String> types;
    private final String title;
    private final Legends.ColourBar bar;
    private final double panelW, panelH, cellW, cellH;
    private final int columns, rows, width, height;

    private SmallMultiples(SpotFrame frame, double[][] proportions, List<String> types, String title) {
        this.frame = frame;
        this.proportions = proportions;
        this.types = types;
        this.title = title;
        double max = 0;
        for (double[] row : proportions) for (double p : row) if (Double.isFinite(p)) max = Math.max(max, p);
        bar = new Legends.ColourBar(0, max > 0 ? max : 1);
        double[] plot = frame.plotSize(PANEL_SIDE, PANEL_SHORTEST);
        panelW = plot[0];
        panelH = plot[1];
        double name = 0;
        for (String t : types) name = Math.max(name, Legends.textWidth(t, Legends.LABEL));
        cellW = Math.max(panelW, name);
        cellH = NAME_ROW + panelH;
        int n = Math.max(1, types.size());
        // about 4:3 overall, whatever the slide's own shape
        columns = Math.max(1, Math.min(n, (int) Math.round(Math.sqrt(n * cellH / cellW * 4 / 3))));
        rows = (n + columns - 1) / columns;
        double gridW = columns * cellW + (columns - 1) * GAP;
        width = (int) Math.ceil(Math.max(SpatialPlot.MARGIN + gridW + SpatialPlot.LEGEND_GAP + bar.width(), Legends.textWidth(title, Legends.TITLE)) + SpatialPlot.MARGIN);
        height = (int) Math.ceil(top() + rows * cellH + (rows - 1) * GAP + SpatialPlot.MARGIN);
    }

    /** Writes the overview of {@code types} (columns of {@code proportions}) as PNG and SVG. */
    public static void write(SpotFrame frame, double[][] proportions, List<String> types, String title, Path png) {
        DrawingFiles.write(new SmallMultiples(frame, proportions, types, title), png);
    }

    private static double top() {
        return SpatialPlot.MARGIN + Legends.ascent(Legends.TITLE) + 12;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public void paint(Graphics2D g) {
        g.setColor(Legends.TEXT);
        g.setFont(Legends.TITLE);
        g.drawString(title, SpatialPlot.MARGIN, (float) (SpatialPlot.MARGIN + Legends.ascent(Legends.TITLE)));
        double[] column = new double[proportions.length];
        for (int t = 0; t < types.size(); t++) {
            double left = SpatialPlot.MARGIN + (t % columns) * (cellW + GAP), top = top() + (t / columns) * (cellH + GAP);
            g.setFont(Legends.LABEL);
            g.setColor(Legends.TEXT);
            g.drawString(types.get(t), (float) left, (float) (top + Legends.ascent(Legends.LABEL)));
            SpotFrame.Area area = frame.area(left, top + NAME_ROW, panelW, panelH);
            Shape box = new Rectangle2D.Double(left, top + NAME_ROW, panelW, panelH);
            for (int i = 0; i < column.length; i++) column[i] = proportions[i][t];
            SpatialPlot.paintValues(g, frame, area, column, bar.lo(), bar.hi(), false);
            g.setColor(new Color(0xdddddd));
            g.draw(box);
        }
        double o = Legends.ColourBar.overhang();
        double gridH = Math.min(rows * cellH + (rows - 1) * GAP, 2 * cellH + GAP);
        bar.paint(g, SpatialPlot.MARGIN + columns * cellW + (columns - 1) * GAP + SpatialPlot.LEGEND_GAP, top() + NAME_ROW + o, gridH - NAME_ROW - 2 * o);
    }
}
