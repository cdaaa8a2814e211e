package org.stdeconv.qc;

import org.stdeconv.StdeconvException;
import org.stdeconv.cli.StepCommand;
import picocli.CommandLine.Command;

@Command(name = "qc", mixinStandardHelpOptions = true, description = "Filter reference and slide, select informative genes, report.")
public final class QcCommand extends StepCommand<QcConfig> {
    @Override
    public Class<QcConfig> configType() {
        return QcConfig.class;
    }

    @Override
    protected void run(QcConfig config) {
        throw new StdeconvException(StdeconvException.INTERNAL, "qc: not implemented yet");
    }
}
