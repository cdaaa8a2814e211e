package org.stdeconv.evaluate;

import org.stdeconv.cli.StepCommand;
import org.stdeconv.config.Configs;
import org.stdeconv.util.Log;
import org.stdeconv.util.OutputStage;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Measure accuracy against truth or biology on real tissue; write an HTML report.")
public final class EvaluateCommand extends StepCommand<EvaluateConfig> {
    @Override
    public Class<EvaluateConfig> configType() {
        return EvaluateConfig.class;
    }

    @Override
    protected void run(EvaluateConfig config) {
        Evaluation e = Evaluator.run(config);
        Path outDir = Path.of(config.outputDir);
        try (OutputStage stage = OutputStage.forDirectory(outDir)) {
            MetricsFiles.writeAll(e, stage::path);
            Map<String, List<EvaluationPlots.Figure>> figures = EvaluationPlots.draw(e, stage::path);
            EvaluationReport.build(e, figures).write(stage.path(EvaluationReport.FILE));
            Files.writeString(stage.path(effectiveConfigName("evaluate")), Configs.toYaml(config), StandardCharsets.UTF_8);
            stage.commit();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        for (MetricsFiles.Row row : MetricsFiles.rows(e)) {
            if (!row.cellType().equals(MetricsFiles.ALL)) continue;
            StringBuilder sb = new StringBuilder(row.metric());
            for (int m = 0; m < row.values().length; m++) sb.append("  ").append(e.methods().get(m).name()).append('=').append(MetricsFiles.fmt(row.values()[m]));
            Log.info("%s", sb);
        }
        Log.info("wrote %s", outDir.resolve(EvaluationReport.FILE));
    }
}
