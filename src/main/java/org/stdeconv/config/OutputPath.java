package org.stdeconv.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A file or folder the step writes: resolved against the config file's folder. The step frame checks it against
 * every input before any work and replaces it as a whole when the step succeeds.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface OutputPath {
    /** Whether the output is one file or a folder of files (checked before work: an existing folder is no file). */
    Kind value() default Kind.FOLDER;

    enum Kind { FILE, FOLDER }
}
