package org.stdeconv.log;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** One-line progress and warning messages on stderr (stdout stays free for data such as inspect's report). */
public final class Log {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static volatile boolean quiet = Boolean.getBoolean("stdeconv.quiet");

    private Log() {
    }

    public static void setQuiet(boolean q) {
        quiet = q;
    }

    public static void info(String fmt, Object... args) {
        if (!quiet) System.err.println("[" + LocalTime.now().format(TIME) + "] " + String.format(java.util.Locale.ROOT, fmt, args));
    }

    public static void warn(String fmt, Object... args) {
        System.err.println("[" + LocalTime.now().format(TIME) + "] WARNING: " + String.format(java.util.Locale.ROOT, fmt, args));
    }
}
