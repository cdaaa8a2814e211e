package org.stdeconv.train;

import org.junit.jupiter.api.Test;
import org.stdeconv.train.PlateauSchedule.Action;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlateauScheduleTest {
    private static List<Action> feed(PlateauSchedule s, double... values) {
        List<Action> actions = new ArrayList<>();
        for (int i = 0; i < values.length; i++) actions.add(s.offer(i + 1, values[i]));
        return actions;
    }

    @Test
    void halvesAfterEachPlateauThenStopsAtThePlateauAfterTheLastHalving() {
        PlateauSchedule s = new PlateauSchedule(0, 2, 1);
        List<Action> a = feed(s, 5, 4, 4.5, 4.2, 3.9, 4, 3.95);
        assertEquals(List.of(Action.IMPROVED, Action.IMPROVED, Action.CONTINUE, Action.HALVE, Action.IMPROVED, Action.CONTINUE, Action.STOP), a);
        assertTrue(s.stopped());
        assertEquals(3.9, s.bestValue());
        assertEquals(5, s.bestUnit());
        assertEquals(1, s.decays());
    }

    @Test
    void theDecayCountRestartsAfterAHalvingAndAfterANewBest() {
        PlateauSchedule s = new PlateauSchedule(0, 2, 5);
        // plateau (2), halve; one worse, then a new best resets; two worse -> halve again
        List<Action> a = feed(s, 1, 2, 2, 2, 0.5, 2, 2);
        assertEquals(List.of(Action.IMPROVED, Action.CONTINUE, Action.HALVE, Action.CONTINUE, Action.IMPROVED, Action.CONTINUE, Action.HALVE), a);
        assertEquals(2, s.decays());
        assertFalse(s.stopped());
    }

    @Test
    void earlyStoppingCountsFromTheBestWhateverTheHalvings() {
        PlateauSchedule s = new PlateauSchedule(3, 1, 10);
        List<Action> a = feed(s, 1, 2, 2, 2);
        assertEquals(List.of(Action.IMPROVED, Action.HALVE, Action.HALVE, Action.STOP), a);
        assertEquals(1, s.bestUnit());
    }

    @Test
    void withBothPatiencesOffItNeverActsAndKeepsTheLastParameters() {
        PlateauSchedule s = new PlateauSchedule(0, 0, 3);
        assertFalse(s.keepsBest());
        assertEquals(List.of(Action.IMPROVED, Action.CONTINUE, Action.CONTINUE, Action.CONTINUE, Action.CONTINUE, Action.CONTINUE), feed(s, 1, 2, 3, 4, 5, 6));
    }
}
