package org.stdeconv.train;

import java.util.Locale;

/** Where training runs. This build ships the PyTorch CPU natives only, so auto means cpu. */
public enum Device {
    AUTO, CPU, GPU;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
