package org.stdeconv.report;

import java.awt.Color;

/** Fixed colours by position, so a type keeps its colour across every figure and run. */
public final class Palette {
    /** scanpy's default_20 (matplotlib's tab20 reordered): a scanpy user sees the colours of their own plots. */
    private static final Color[] CATEGORY = {
            new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x279e68), new Color(0xd62728), new Color(0xaa40fc),
            new Color(0x8c564b), new Color(0xe377c2), new Color(0xb5bd61), new Color(0x17becf), new Color(0xaec7e8),
            new Color(0xffbb78), new Color(0x98df8a), new Color(0xff9896), new Color(0xc5b0d5), new Color(0xc49c94),
            new Color(0xf7b6d2), new Color(0xdbdb8d), new Color(0x9edae5), new Color(0xad494a), new Color(0x8c6d31)};

    private Palette() {
    }

    /** scanpy's 20 colours, then hues spaced by the golden angle so that more types still get distinct colours. */
    public static Color colour(int i) {
        if (i < CATEGORY.length) return CATEGORY[i];
        float hue = (float) (((i - CATEGORY.length) * 0.618033988749895) % 1.0);
        return Color.getHSBColor(hue, 0.65f, (i / CATEGORY.length) % 2 == 0 ? 0.80f : 0.60f);
    }
}
