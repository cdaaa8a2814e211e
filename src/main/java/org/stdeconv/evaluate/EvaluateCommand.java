package org.stdeconv.evaluate;

import org.stdeconv.step.StepCommand;
import org.stdeconv.log.Log;
import org.stdeconv.step.OutputStage;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.util.List;
import java.util.Map;

@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Measure accuracy against truth or biology on real tissue; write an HTML report.")
public final class EvaluateCommand extends StepCommand<EvaluateConfig> {
    @Override
    public Class<EvaluateConfig> configType() {
        return EvaluateConfig.class;
    }

    @Override
    public Object compute(EvaluateConfig config, OutputStage stage) throws IOException {
        Evaluation e = Evaluator.run(config);
        MetricsFiles.writeAll(e, stage::path);
        Map<String, List<EvaluationPlots.Figure>> figures = EvaluationPlots.draw(e, stage::path);
        EvaluationReport.build(e, figures).write(stage.path(EvaluationReport.FILE));
        for (MetricsFiles.Row row : MetricsFiles.rows(e)) {
            if (!row.cellType().equals(MetricsFiles.ALL)) continue;
            StringBuilder sb = new StringBuilder(row.metric());
            for (int m = 0; m < row.values().length; m++) sb.append("  ").append(e.methods().get(m).name()).append('=').append(MetricsFiles.fmt(row.values()[m]));
            Log.info("%s", sb);
        }
        Log.info("wrote %s", stage.destination().resolve(EvaluationReport.FILE));
        return null;
    }
}
