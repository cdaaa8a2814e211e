package org.stdeconv.simulate;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.stdeconv.ConfigException;
import org.stdeconv.config.ConfigSection;
import org.stdeconv.config.InputPath;
import org.stdeconv.config.OutputPath;
import org.stdeconv.config.Required;
import org.stdeconv.config.StepConfig;

import java.util.Locale;

/** Keys of `stdeconv simulate`. */
public class SimulateConfig extends StepConfig {
    @Required @InputPath
    @JsonPropertyDescription("Labelled scRNA-seq reference (.h5ad or another supported format), usually qc output.")
    public String reference;

    @JsonPropertyDescription("obs column of the reference holding the cell type of each cell.")
    public String cellTypeColumn = "cell_type";

    @Required @OutputPath(OutputPath.Kind.FILE)
    @JsonPropertyDescription("The simulated spots (.h5ad with true_<type> obs columns); its effective config is written beside it as NAME.config.yaml (pseudo.h5ad: pseudo.config.yaml).")
    public String output;

    @JsonPropertyDescription("Number of pseudo-spots to simulate. 20,000: train's fast preset learns from 16,000 of them (a fifth held out for validation); one network learns more from more spots (docs/benchmarks/ablation.md, sessions 16-17).")
    public int nSpots = 20000;

    @JsonPropertyDescription("Random seed: the same seed gives the same bytes, whatever the thread count.")
    public long seed = 1;

    @JsonPropertyDescription("Worker threads (0 = every core the JVM sees). The output does not depend on it.")
    public int threads = 0;

    @JsonPropertyDescription("How the cell-type proportions of each spot are drawn (ignored by layout mode template, whose proportions follow spatial fields).")
    public Proportions proportions = new Proportions();

    @JsonPropertyDescription("How many cells each spot holds.")
    public Cells cells = new Cells();

    @InputPath
    @JsonPropertyDescription("Optional real slide: spot depths are thinned (binomially) to follow its depth distribution over the genes it shares with the reference.")
    public String targetSlide;

    @JsonPropertyDescription("With target_slide: quantile (a spot at depth quantile q of the pseudo-spots is thinned to the slide's depth at quantile q: distributions match, spots with more cells stay deeper) or random (each spot thinned towards a random slide spot's depth).")
    public DepthMatching depthMatching = DepthMatching.QUANTILE;

    @JsonPropertyDescription("spots scales each reference gene by how much more (or less) of it target_slide holds than the slide's "
            + "mixture of the reference's cell types predicts, that mixture fitted spot by spot (docs/method.md), before spots are drawn; "
            + "bulk does the same with the mixture fitted to the slide's pooled counts (RCTD's platform effect); none leaves the reference as it is; "
            + "auto (default): spots when target_slide is given, none otherwise.")
    public PlatformEffectMode platformEffect = PlatformEffectMode.AUTO;

    @JsonPropertyDescription("Coordinates of the pseudo-spots (obsm spatial).")
    public Layout layout = new Layout();

    @JsonPropertyDescription("Debug: record the reference cells mixed into each spot as obs column cell_ids (names joined by ';').")
    public boolean recordCells = false;

    /** Whether the platform effect's composition is fitted spot by spot (else on the slide's pooled counts). */
    public boolean fitsPlatformSpotBySpot() {
        return platformEffect == PlatformEffectMode.SPOTS || platformEffect == PlatformEffectMode.AUTO;
    }

    /** Whether the reference's genes are scaled to the target slide's platform before spots are drawn. */
    public boolean scalesToSlidePlatform() {
        return targetSlide != null && platformEffect != PlatformEffectMode.NONE;
    }

    @Override
    public void validate(String source) {
        if (nSpots < 1) throw new ConfigException(source, "n_spots", "must be at least 1 (got " + nSpots + ")", "set n_spots: 20000");
        if (threads < 0) throw new ConfigException(source, "threads", "must be 0 (all cores) or positive (got " + threads + ")", "set threads: 0");
        if (cellTypeColumn == null || cellTypeColumn.isBlank()) throw new ConfigException(source, "cell_type_column", "must name an obs column", "e.g. cell_type");
        if ((platformEffect == PlatformEffectMode.BULK || platformEffect == PlatformEffectMode.SPOTS) && targetSlide == null) {
            throw new ConfigException(source, "platform_effect", platformEffect + " estimates the effect from a slide, but target_slide is empty", "set target_slide: slide.h5ad or platform_effect: none");
        }
        if (layout.mode == LayoutMode.TEMPLATE && layout.template == null) {
            throw new ConfigException(source, "layout.template", "layout mode template needs a slide whose coordinates to use", "set layout.template: slide.h5ad or choose layout.mode: paper or none");
        }
    }

    /** Lower-case names in YAML, as the config framework reads and writes enums. */
    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    public enum ProportionMode {
        /** Symmetric Dirichlet with the configured concentration. */
        DIRICHLET,
        /** The ST-deconv authors' scheme: type j gets U(0, 1 - sum of earlier types), the last type the rest. */
        PAPER;

        @Override
        public String toString() { return lower(this); }
    }

    public enum CellCountMode {
        FIXED, RANGE, POISSON;

        @Override
        public String toString() { return lower(this); }
    }

    public enum Rounding {
        /** Floors of proportion x cells, remaining cells to the largest remainders: counts as close to the proportions as possible. */
        LARGEST_REMAINDER,
        /** Each cell's type drawn from the proportions: realised fractions scatter around them. */
        MULTINOMIAL;

        @Override
        public String toString() { return lower(this); }
    }

    public enum DepthMatching {
        QUANTILE, RANDOM;

        @Override
        public String toString() { return lower(this); }
    }

    public enum PlatformEffectMode {
        /** spots with a target slide, none without: the default (rules (I), session 22, and (J), session 24, docs/benchmarks/ablation.md). */
        AUTO, NONE, BULK,
        /** bulk's factors, from the slide's composition fitted spot by spot ({@code SlideComposition}). */
        SPOTS;

        @Override
        public String toString() { return lower(this); }
    }

    public enum LayoutMode {
        /** The authors' pseudo-coordinates: 2-D PCA of the scaled pseudo-spots rounded to a grid (plus their 5 k-means clusters). */
        PAPER,
        /** A real slide's coordinates with spatially smooth proportions (Gaussian random fields per type). */
        TEMPLATE,
        /** No coordinates. */
        NONE;

        @Override
        public String toString() { return lower(this); }
    }

    public static class Proportions extends ConfigSection {
        static final double MAX_CONCENTRATION = 1e6;

        @JsonPropertyDescription("dirichlet (symmetric Dirichlet) or paper (the authors' stick-breaking uniform scheme, in cell-type order).")
        public ProportionMode mode = ProportionMode.DIRICHLET;

        @JsonPropertyDescription("Dirichlet concentration per type: 1 = uniform over the simplex, < 1 = few dominant types, > 1 = even mixtures (at most 1e6).")
        public double concentration = 1.0;

        @JsonPropertyDescription("Sparsity: fewest cell types present in a spot (0 = as many as max_types: no sparsity). The default 1, with max_types 0, draws the number of types uniformly from 1 to all, so training covers pure spots as well as even mixtures; real spots are often dominated by one or two types, and a network trained on full mixtures only shrinks its predictions towards the mean.")
        public int minTypes = 1;

        @JsonPropertyDescription("Sparsity: most cell types present in a spot (0 = all types). Each spot draws a count in [min_types, max_types], then which types, uniformly.")
        public int maxTypes = 0;

        @Override
        public void validate(String source) {
            if (!(concentration > 0) || !Double.isFinite(concentration)) {
                throw new ConfigException(source, "proportions.concentration", "must be a positive number (got " + concentration + ")", "e.g. 1.0");
            }
            // past about 1e306 the Gamma draws' sum overflows and every spot fell back to one type, the opposite of
            // what a large concentration asks; at 1e6 every spot is already an even mixture (sd of a share ~ 1e-3)
            if (concentration > MAX_CONCENTRATION) {
                throw new ConfigException(source, "proportions.concentration", "must be at most 1e6 (got " + concentration + ")", "1e6 already makes every spot an even mixture; e.g. 1.0");
            }
            if (minTypes < 0) throw new ConfigException(source, "proportions.min_types", "must be 0 (= max_types) or positive (got " + minTypes + ")", "e.g. 1");
            if (maxTypes < 0) throw new ConfigException(source, "proportions.max_types", "must be 0 (all types) or positive (got " + maxTypes + ")", "e.g. 0");
            if (maxTypes > 0 && minTypes > 0 && maxTypes < minTypes) {
                throw new ConfigException(source, "proportions.max_types", "is below min_types (" + maxTypes + " < " + minTypes + ")", "raise max_types or lower min_types");
            }
        }
    }

    public static class Cells extends ConfigSection {
        @JsonPropertyDescription("fixed (n), range (uniform integer in [min, max]; the default, 1-15, covers single-cell to Visium-sized spots) or poisson (mean, zero draws redrawn).")
        public CellCountMode mode = CellCountMode.RANGE;

        @JsonPropertyDescription("Cells per spot in mode fixed.")
        public int n = 10;

        @JsonPropertyDescription("Fewest cells per spot in mode range.")
        public int min = 1;

        @JsonPropertyDescription("Most cells per spot in mode range.")
        public int max = 15;

        @JsonPropertyDescription("Mean cells per spot in mode poisson.")
        public double mean = 10;

        @JsonPropertyDescription("How cell numbers per type follow the proportions: largest_remainder or multinomial. true_<type> is always the realised fraction of cells.")
        public Rounding rounding = Rounding.LARGEST_REMAINDER;

        /**
         * The most cells a spot may draw. Why a bound: a Poisson mean of 1e12 drew spots of a trillion cells one by one
         * and never ended; a real spot holds 1 to a few hundred cells, a pseudo-bulk sample more, never this many.
         */
        static final int MAX_CELLS = 100_000;

        @Override
        public void validate(String source) {
            switch (mode) {
                case FIXED -> {
                    if (n < 1) throw new ConfigException(source, "cells.n", "must be at least 1 (got " + n + ")", "e.g. 10");
                    if (n > MAX_CELLS) throw tooMany(source, "cells.n", n);
                }
                case RANGE -> {
                    if (min < 1) throw new ConfigException(source, "cells.min", "must be at least 1 (got " + min + ")", "e.g. 5");
                    if (max < min) throw new ConfigException(source, "cells.max", "is below cells.min (" + max + " < " + min + ")", "e.g. min: 5, max: 15");
                    if (max > MAX_CELLS) throw tooMany(source, "cells.max", max);
                }
                case POISSON -> {
                    if (!(mean > 0) || !Double.isFinite(mean)) throw new ConfigException(source, "cells.mean", "must be a positive number (got " + mean + ")", "e.g. 10");
                    if (mean > MAX_CELLS) throw tooMany(source, "cells.mean", mean);
                }
            }
        }

        private static ConfigException tooMany(String source, String key, Number value) {
            return new ConfigException(source, key, value + " cells per spot is more than the " + MAX_CELLS + " a spot may draw", "give the cells of one spot, e.g. 10 for Visium");
        }
    }

    public static class Layout extends ConfigSection {
        @JsonPropertyDescription("paper (the authors' PCA pseudo-coordinates), template (a real slide's coordinates with spatially smooth proportions) or none.")
        public LayoutMode mode = LayoutMode.PAPER;

        @InputPath
        @JsonPropertyDescription("Mode template: the slide whose coordinates (obsm spatial) are used; it is tiled side by side until n_spots are placed.")
        public String template;

        @JsonPropertyDescription("Mode template: correlation length of the proportion fields, in units of the median nearest-neighbour spot distance (large = smooth regions, small = salt and pepper).")
        public double lengthScale = 3.0;

        @JsonPropertyDescription("Mode template: how strongly the fields separate types (proportions = softmax(contrast * field)); larger = purer spots.")
        public double contrast = 2.0;

        @JsonPropertyDescription("Mode paper: spots used to fit the PCA and k-means, whose counts are held in memory for the fit (all spots are then projected as they stream to the file); 0 = all, which holds every spot's counts.")
        public int fitSpots = 5000;

        @Override
        public void validate(String source) {
            // bounds where the fields still mean something: below a thousandth of a spot spacing every spot is its own
            // region, and past a contrast of 100 softmax(contrast x field) overflowed (NaN proportions, an index of -1)
            if (!(lengthScale >= 1e-3 && lengthScale <= 1e6)) throw new ConfigException(source, "layout.length_scale", "must be from 0.001 to 1e6 spot spacings (got " + lengthScale + ")", "e.g. 3");
            if (!(contrast >= 0 && contrast <= 100)) throw new ConfigException(source, "layout.contrast", "must be from 0 to 100 (got " + contrast + ")", "e.g. 2; 100 already makes every spot one type");
            if (fitSpots < 0) throw new ConfigException(source, "layout.fit_spots", "must be 0 (all) or positive (got " + fitSpots + ")", "e.g. 5000");
        }
    }
}
