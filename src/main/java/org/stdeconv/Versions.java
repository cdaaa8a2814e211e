package org.stdeconv;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Versions of stdeconv and of the deep-learning libraries it was built against (recorded in models too). */
public final class Versions implements CommandLine.IVersionProvider {
    private static final Properties P = new Properties();

    static {
        try (InputStream in = Versions.class.getResourceAsStream("/org/stdeconv/version.properties")) {
            if (in != null) P.load(in);
        } catch (IOException ignored) {
            // versions then read "unknown"
        }
    }

    public static String stdeconv() { return P.getProperty("version", "unknown"); }
    public static String djl() { return P.getProperty("djl", "unknown"); }
    public static String pytorch() { return P.getProperty("pytorch", "unknown"); }

    @Override
    public String[] getVersion() {
        return new String[]{
                "stdeconv " + stdeconv(),
                "DJL " + djl() + " (PyTorch engine), PyTorch " + pytorch() + " (CPU natives from Maven Central)",
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
