package org.stdeconv.train;

/** What the training loop reports: one call per finished epoch (joint) or round (alternating). */
interface TrainingListener {
    void started(int units, String unitName);

    void finished(EpochLosses losses);

    void stoppedEarly(int unit, int bestUnit);
}
