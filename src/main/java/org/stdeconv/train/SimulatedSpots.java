package org.stdeconv.train;

import org.stdeconv.data.ExpressionData;

/**
 * Whether training spots are simulate's pseudo-spots: simulate records its config in the file's uns under this key
 * (SimulateCommand.UNS_CONFIG; the train package does not depend on the simulate step, a test keeps the two equal).
 */
final class SimulatedSpots {
    static final String UNS_KEY = "simulate_config";

    private SimulatedSpots() {
    }

    static boolean wroteThem(ExpressionData data) {
        return data.uns() != null && data.uns().containsKey(UNS_KEY);
    }
}
