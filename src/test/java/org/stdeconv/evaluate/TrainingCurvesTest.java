package org.stdeconv.evaluate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.InputDataException;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TrainingCurvesTest {
    @TempDir
    Path dir;

    @Test
    void aTableCutMidLineIsRefusedNamingTheLine() throws Exception {
        String whole = "epoch\tloss_kl\tvalidation_rmse\n1\t0.5\t0.2\n2\t0.3\tNA\n3\t0.2\t0.1\n";
        Path f = Files.writeString(dir.resolve(TrainingCurves.FILE), whole);
        assertEquals(3, TrainingCurves.read(f).curves().get("loss_kl").length);
        Files.writeString(f, whole.substring(0, whole.length() - 5));
        InputDataException e = assertThrows(InputDataException.class, () -> TrainingCurves.read(f));
        assertEquals(f + ": line 4: 2 fields, header has 3; the table is ragged or cut; copy the model folder again or rerun stdeconv train (or leave model_dir out)",
                e.getMessage());
    }
}
