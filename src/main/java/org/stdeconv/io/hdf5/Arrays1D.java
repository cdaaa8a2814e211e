package org.stdeconv.io.hdf5;

import java.lang.reflect.Array;

/** Converts the primitive arrays HDF5 libraries hand back (any numeric type) to the types stdeconv computes with. */
public final class Arrays1D {
    private Arrays1D() {
    }

    public static float[] toFloat(Object a) {
        if (a instanceof float[] f) return f;
        int n = Array.getLength(a);
        float[] out = new float[n];
        if (a instanceof double[] d) for (int i = 0; i < n; i++) out[i] = (float) d[i];
        else if (a instanceof int[] x) for (int i = 0; i < n; i++) out[i] = x[i];
        else if (a instanceof long[] x) for (int i = 0; i < n; i++) out[i] = x[i];
        else if (a instanceof short[] x) for (int i = 0; i < n; i++) out[i] = x[i];
        else if (a instanceof byte[] x) for (int i = 0; i < n; i++) out[i] = x[i];
        else if (a instanceof boolean[] x) for (int i = 0; i < n; i++) out[i] = x[i] ? 1 : 0;
        else throw new IllegalArgumentException("not a numeric array: " + a.getClass().getSimpleName());
        return out;
    }

    public static double[] toDouble(Object a) {
        if (a instanceof double[] d) return d;
        int n = Array.getLength(a);
        double[] out = new double[n];
        if (a instanceof float[] x) for (int i = 0; i < n; i++) out[i] = x[i];
        else if (a instanceof int[] x) for (int i = 0; i < n; i++) out[i] = x[i];
        else if (a instanceof long[] x) for (int i = 0; i < n; i++) out[i] = x[i];
        else if (a instanceof short[] x) for (int i = 0; i < n; i++) out[i] = x[i];
        else if (a instanceof byte[] x) for (int i = 0; i < n; i++) out[i] = x[i];
        else if (a instanceof boolean[] x) for (int i = 0; i < n; i++) out[i] = x[i] ? 1 : 0;
        else throw new IllegalArgumentException("not a numeric array: " + a.getClass().getSimpleName());
        return out;
    }

    public static int[] toInt(Object a) {
        if (a instanceof int[] i) return i;
        int n = Array.getLength(a);
        int[] out = new int[n];
        if (a instanceof long[] x) for (int i = 0; i < n; i++) out[i] = Math.toIntExact(x[i]);
        else if (a instanceof short[] x) for (int i = 0; i < n; i++) out[i] = x[i];
        else if (a instanceof byte[] x) for (int i = 0; i < n; i++) out[i] = x[i];
        else throw new IllegalArgumentException("not an integer array: " + a.getClass().getSimpleName());
        return out;
    }

    public static long[] toLong(Object a) {
        if (a instanceof long[] l) return l;
        int n = Array.getLength(a);
        long[] out = new long[n];
        if (a instanceof int[] x) for (int i = 0; i < n; i++) out[i] = x[i];
        else if (a instanceof short[] x) for (int i = 0; i < n; i++) out[i] = x[i];
        else if (a instanceof byte[] x) for (int i = 0; i < n; i++) out[i] = x[i];
        else throw new IllegalArgumentException("not an integer array: " + a.getClass().getSimpleName());
        return out;
    }

    public static String[] toStrings(Object a) {
        if (a instanceof String[] s) return s;
        int n = Array.getLength(a);
        String[] out = new String[n];
        for (int i = 0; i < n; i++) out[i] = String.valueOf(Array.get(a, i));
        return out;
    }
}
