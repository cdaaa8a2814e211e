package org.stdeconv.model;

/** Builds the network's input rows: transformed genes, then (only when the model appends them) scaled (x, y). */
public final class NetworkInput {
    private NetworkInput() {
    }

    /** Row-major n x inputSize floats. */
    public static float[] flatten(float[][] genes, double[][] xy, ModelManifest manifest) {
        int g = manifest.genes.size();
        int width = manifest.network.inputSize;
        if (manifest.appendCoordinates && (xy == null || xy.length != genes.length)) {
            throw new IllegalArgumentException("this model appends spot coordinates: give xy for every spot");
        }
        float[] flat = new float[genes.length * width];
        for (int i = 0; i < genes.length; i++) {
            if (genes[i].length != g) throw new IllegalArgumentException("row " + i + " has " + genes[i].length + " values, the model reads " + g + " genes");
            System.arraycopy(genes[i], 0, flat, i * width, g);
            if (manifest.appendCoordinates) {
                flat[i * width + g] = (float) ((xy[i][0] - manifest.coordinateCenter.get(0)) / manifest.coordinateScale);
                flat[i * width + g + 1] = (float) ((xy[i][1] - manifest.coordinateCenter.get(1)) / manifest.coordinateScale);
            }
        }
        return flat;
    }
}
