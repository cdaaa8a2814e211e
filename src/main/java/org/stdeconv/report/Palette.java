package org.stdeconv.report;

import java.awt.Color;

/** Fixed colours by position, so a type keeps its colour across every figure and run. */
public final class Palette {
    private static final Color[] CATEGORY = {
            new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
            new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf),
            new Color(0x393b79), new Color(0xad494a), new Color(0x637939), new Color(0x843c39), new Color(0x7b4173),
            new Color(0x3182bd), new Color(0xe6550d), new Color(0x31a354), new Color(0x756bb1), new Color(0x636363)};

    private Palette() {
    }

    /** Tableau's 20 colours, then hues spaced by the golden angle so that more types still get distinct colours. */
    public static Color colour(int i) {
        if (i < CATEGORY.length) return CATEGORY[i];
        float hue = (float) (((i - CATEGORY.length) * 0.618033988749895) % 1.0);
        return Color.getHSBColor(hue, 0.65f, (i / CATEGORY.length) % 2 == 0 ? 0.80f : 0.60f);
    }
}
