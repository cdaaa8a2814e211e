package org.stdeconv.demo;

import org.stdeconv.StdeconvException;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "demo-data", mixinStandardHelpOptions = true, description = "Write a synthetic labelled reference and slide with known proportions.")
public final class DemoDataCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new StdeconvException(StdeconvException.INTERNAL, "demo-data: not implemented yet");
    }
}
