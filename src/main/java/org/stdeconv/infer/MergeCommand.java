package org.stdeconv.infer;

import org.stdeconv.StdeconvException;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "merge", mixinStandardHelpOptions = true, description = "Join the outputs of chunked infer runs into what one run would write.")
public final class MergeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new StdeconvException(StdeconvException.INTERNAL, "merge: not implemented yet");
    }
}
