package org.stdeconv.io;

import org.stdeconv.InputDataException;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.TsvNames;
import org.stdeconv.data.UniqueNames;
import org.stdeconv.log.Log;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Checks every reader applies, so that bad input fails at the door with the file and field named. */
public final class DataChecks {
    private DataChecks() {
    }

    /**
     * Spot, cell and gene names must be unique, free of TABs and line breaks, and read back as written: they become
     * rows and columns of the TSV outputs (proportions.tsv, intervals.tsv, genes.tsv), where one would shift or split a
     * row, or not match itself.
     */
    public static void requireUsableNames(Path file, String field, List<String> names) {
        for (String name : names) {
            if (TsvNames.breaksRow(name)) {
                throw new InputDataException(file, field, "name '" + TsvNames.shown(name) + "' holds a TAB or line break, which would break the TSV outputs",
                        "rename it (e.g. replace the character in anndata's obs_names or var_names)");
            }
            if (TsvNames.readsBackChanged(name)) {
                throw new InputDataException(file, field, "name '" + TsvNames.shown(name) + "' begins or ends with white space or begins with a double quote,"
                        + " which the TSV outputs' readers (stdeconv, pandas, R) take off, so it would not match itself", "rename it (e.g. strip the names in anndata's obs_names or var_names)");
            }
        }
        String repeated = UniqueNames.firstRepeated(names);
        if (repeated != null) {
            throw new InputDataException(file, field, "duplicate name '" + repeated + "'", "make the names unique (e.g. anndata's obs_names_make_unique for spots or cells, var_names_make_unique for genes)");
        }
    }

    /**
     * The largest count accepted: AnnData and 10x store counts as 32-bit integers at most; a value beyond is no count
     * (3e38 passed the finite check, summed to Inf in a spot's total and broke simulate's sampling).
     */
    static final float MAX_COUNT = Integer.MAX_VALUE;

    /** Values mostly fractional and all below this are log-transformed, not counts ({@link #requireCounts}). */
    static final float LOG_SCALE_LIMIT = 20;

    /** Counts must be finite, non-negative and below 2^31 (raw or at least unnormalised counts, never log or scaled values). */
    public static void requireCounts(Path file, float[] values, String field) {
        int nonZero = 0, fractional = 0;
        float example = 0, largest = 0;
        for (float v : values) {
            if (!Float.isFinite(v)) {
                throw new InputDataException(file, field, "non-finite value (" + v + ") in the counts", "give raw counts without NaN or Inf");
            }
            if (v < 0) {
                throw new InputDataException(file, field, "negative value (" + v + ") in the counts", "give raw counts, not scaled or log-centred values");
            }
            if (v > MAX_COUNT) {
                throw new InputDataException(file, field, "value " + v + " in the counts, above any count (2^31)", "give raw counts");
            }
            // a denormal float (below 1.2e-38) is no count either: a spot of such values passed the zero-spot check and
            // overflowed the per-spot scaling (1e4 / total) into NaN proportions, an internal error
            if (v > 0 && v < Float.MIN_NORMAL) {
                throw new InputDataException(file, field, "value " + v + " in the counts, below any count (a denormal float)", "give raw counts; a value this small is damage or a units error");
            }
            if (v != 0) nonZero++;
            if (v != Math.rint(v) && fractional++ == 0) example = v;
            largest = Math.max(largest, v);
        }
        // log-transformed values (a scanpy X after normalize_total + log1p) ran silently as counts and gave proportions
        // of nothing. Their signature: mostly fractions, all small (log1p of 10^6 per spot is 13.8, log2 of it 19.9). Fractional
        // values beyond that are kept: counts corrected for ambient RNA or split by EM (alevin), or counts scaled per
        // spot, which infer's own per-spot scaling undoes (log1p of counts per 10k is the same for any spot factor)
        if (fractional * 2L > nonZero && largest < LOG_SCALE_LIMIT) {
            throw new InputDataException(file, field, String.format(Locale.ROOT, "%,d of its %,d non-zero values are not whole numbers (e.g. %s) and none"
                    + " reaches %.0f: log-transformed values, not counts", fractional, nonZero, example, LOG_SCALE_LIMIT), "give the raw counts (in anndata often layers['counts']"
                    + " or raw.X; stdeconv reads layers/counts when the file has it)");
        }
    }

    /** What every reader of a text or 10x input checks before handing the data on. */
    public static ExpressionData requireUsable(Path file, ExpressionData d, String countsField) {
        requireUsableNames(file, "observation ids (barcodes / spot names)", d.obsNames());
        requireUsableNames(file, "gene names", d.varNames());
        requireCounts(file, d.counts().data(), countsField);
        if (d.nObs() == 0) throw new InputDataException(file, null, "no observations (cells or spots)", "give a non-empty data set");
        if (d.nVars() == 0) throw new InputDataException(file, null, "no genes", "give a non-empty data set");
        return d;
    }

    /**
     * anndata's var_names_make_unique: the second 'X' becomes 'X-1', the third 'X-2', skipping names already taken.
     * Used where duplicates are a property of the source (10x gene symbols), not a user mistake.
     */
    public static List<String> makeUnique(Path file, List<String> names) {
        Set<String> taken = new HashSet<>(names);
        Set<String> seen = new HashSet<>(names.size() * 2);
        List<String> out = new ArrayList<>(names.size());
        int renamed = 0;
        for (String n : names) {
            if (seen.add(n)) {
                out.add(n);
                continue;
            }
            int k = 1;
            while (taken.contains(n + "-" + k)) k++;
            String u = n + "-" + k;
            taken.add(u);
            seen.add(u);
            out.add(u);
            renamed++;
        }
        if (renamed > 0) Log.warn("%s: %d duplicate gene symbols renamed NAME-1, NAME-2, ... (as anndata's var_names_make_unique)", file, renamed);
        return out;
    }
}
