package org.stdeconv.train;

import org.stdeconv.data.ExpressionData;
import org.stdeconv.demo.DemoData;
import org.stdeconv.io.h5ad.H5adWriter;

import java.nio.file.Path;

/** Two demo slides written for training tests: labelled spots (seed 7) and an unlabelled target (seed 8). */
record DemoSlides(Path training, Path target, ExpressionData targetData) {
    static DemoSlides write(Path dir) {
        Path training = dir.resolve("slide.h5ad");
        H5adWriter.write(DemoData.generate(7).slide(), training);
        ExpressionData targetData = DemoData.generate(8).slide();
        Path target = dir.resolve("target.h5ad");
        H5adWriter.write(targetData, target);
        return new DemoSlides(training, target, targetData);
    }
}
