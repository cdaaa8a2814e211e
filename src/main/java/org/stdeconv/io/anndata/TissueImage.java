package org.stdeconv.io.anndata;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.stdeconv.log.Log;

import java.awt.image.BufferedImage;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The H&E image scanpy's read_visium keeps with a slide: {@code uns['spatial'][library]['images']['lowres']} (H x W x 3
 * or 4, uint8 or floats in [0, 1]) and {@code ['scalefactors']['tissue_lowres_scalef']}, the factor from the
 * full-resolution pixel coordinates of obsm['spatial'] to the image's pixels. {@code spotDiameter} is
 * {@code spot_diameter_fullres} (full-resolution pixels), NaN when the slide does not say.
 */
public record TissueImage(BufferedImage pixels, double scale, double spotDiameter, String library) {
    static final String SPATIAL = "spatial", IMAGES = "images", LOWRES = "lowres", SCALEFACTORS = "scalefactors";
    static final String LOWRES_SCALE = "tissue_lowres_scalef", SPOT_DIAMETER = "spot_diameter_fullres";

    /**
     * The lowres image of the first library (by name) of an .h5ad that has one, else null. A file without one, or
     * whose image cannot be used, gives null: the maps are then drawn without it (a malformed one is logged).
     */
    public static TissueImage read(Path h5ad) {
        try (HdfFile h5 = new HdfFile(h5ad)) {
            if (!(h5.getChildren().get("uns") instanceof Group uns) || !(uns.getChildren().get(SPATIAL) instanceof Group spatial)) return null;
            Map<String, Node> libraries = new TreeMap<>(spatial.getChildren());
            for (Map.Entry<String, Node> lib : libraries.entrySet()) {
                if (!(lib.getValue() instanceof Group g) || !(g.getChildren().get(IMAGES) instanceof Group images)
                        || !(images.getChildren().get(LOWRES) instanceof Dataset image)) continue;
                String where = "uns/spatial/" + lib.getKey();
                Double scale = scalar(g, LOWRES_SCALE);
                if (scale == null || !(scale > 0)) {
                    Log.warn("%s: %s/scalefactors/%s is missing or not positive: maps are drawn without the H&E image", h5ad.getFileName(), where, LOWRES_SCALE);
                    return null;
                }
                BufferedImage pixels = pixels(image);
                if (pixels == null) {
                    Log.warn("%s: %s/images/lowres is not an H x W x 3 (or 4) image: maps are drawn without it", h5ad.getFileName(), where);
                    return null;
                }
                Double diameter = scalar(g, SPOT_DIAMETER);
                return new TissueImage(pixels, scale, diameter == null ? Double.NaN : diameter, lib.getKey());
            }
            return null;
        } catch (RuntimeException e) {
            Log.warn("%s: cannot read uns/spatial (%s): maps are drawn without the H&E image", h5ad.getFileName(), e.getMessage());
            return null;
        }
    }

    private static Double scalar(Group library, String name) {
        if (!(library.getChildren().get(SCALEFACTORS) instanceof Group f) || !(f.getChildren().get(name) instanceof Dataset d)) return null;
        Object v = d.isScalar() ? d.getData() : d.getDataFlat();
        if (v != null && v.getClass().isArray()) v = Array.getLength(v) == 1 ? Array.get(v, 0) : null;
        return v instanceof Number n ? n.doubleValue() : null;
    }

    /** Numbers of any width become 0-255: integer images are taken as 8-bit, float images as 0-1. */
    static BufferedImage pixels(Dataset ds) {
        int[] dims = ds.getDimensions();
        if (dims.length != 3 || (dims[2] != 3 && dims[2] != 4) || dims[0] < 1 || dims[1] < 1) return null;
        Object flat = ds.getDataFlat();
        int h = dims[0], w = dims[1], c = dims[2];
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] rgb = new int[w * h];
        for (int p = 0; p < rgb.length; p++) {
            int v = 0;
            for (int k = 0; k < 3; k++) v = v << 8 | channel(flat, p * c + k);
            rgb[p] = v;
        }
        img.setRGB(0, 0, w, h, rgb, 0, w);
        return img;
    }

    private static int channel(Object flat, int i) {
        double v;
        if (flat instanceof byte[] b) v = b[i] & 0xFF;
        else if (flat instanceof float[] f) v = f[i] * 255.0;
        else if (flat instanceof double[] d) v = d[i] * 255.0;
        else v = Array.getDouble(flat, i);
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
