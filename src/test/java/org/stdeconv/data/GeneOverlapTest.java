package org.stdeconv.data;

import org.junit.jupiter.api.Test;
import org.stdeconv.InputDataException;
import org.stdeconv.StdeconvException;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The one gene-overlap check qc, train and infer use: what passes, and what the refusal says. */
class GeneOverlapTest {
    private static final Path REFERENCE = Path.of("data/reference.h5ad"), SLIDE = Path.of("data/slide.h5ad");

    @Test
    void sharedGenesComeInReferenceOrderWhenThereAreEnough() {
        List<String> shared = GeneOverlap.requireShared(List.of("C", "A", "B", "Z"), List.of("A", "B", "C", "D"), 3, REFERENCE, SLIDE);
        assertEquals(List.of("C", "A", "B"), shared);
    }

    @Test
    void tooFewSharedGenesNameTheSlideTheSettingAndBothSides() {
        List<String> symbols = List.of("Gapdh", "Actb", "Sox2", "Pax6", "Nes", "Olig2");
        List<String> ids = List.of("ENSMUSG00000057666", "ENSMUSG00000029580", "ENSMUSG00000074637", "ENSMUSG00000027168");
        InputDataException e = assertThrows(InputDataException.class, () -> GeneOverlap.requireShared(symbols, ids, 1, REFERENCE, SLIDE));
        assertEquals(StdeconvException.BAD_INPUT, e.exitCode());
        assertEquals(SLIDE + ": var index (gene names): only 0 genes shared with reference.h5ad (min_shared_genes = 1); reference genes e.g. Gapdh, Actb, Sox2, Pax6, Nes, ...;"
                + " slide genes e.g. ENSMUSG00000057666, ENSMUSG00000029580, ENSMUSG00000074637, ENSMUSG00000027168;"
                + " one file uses Ensembl ids (ENSG...) and the other gene symbols: convert one of them to the other's naming"
                + " (an .h5ad whose var has a symbol column, e.g. cellxgene's feature_name: stdeconv convert --var-names feature_name IN OUT.h5ad)", e.getMessage());
    }

    @Test
    void aShareOfTheModelGenesIsEnoughAndTheAlignmentMarksTheMissingOnes() {
        GeneAlignment a = GeneOverlap.requireShare(List.of("g1", "g2", "g3", "g4"), "the model's", List.of("g4", "x", "g1"), SLIDE, "slide", 0.5, "min_gene_overlap 0.5", "lower min_gene_overlap");
        assertEquals(2, a.found());
        assertArrayEquals(new int[]{2, -1, -1, 0}, a.sourceColumns());
    }

    @Test
    void tooSmallAShareSaysHowManyAgainstWhichLimitWithExamplesAndTheRemedy() {
        List<String> model = List.of("g1", "g2", "g3", "g4", "g5", "g6", "g7", "g8");
        List<String> slide = List.of("G1", "G2", "G3", "G4", "G5", "G6", "G7", "g8");
        InputDataException e = assertThrows(InputDataException.class,
                () -> GeneOverlap.requireShare(model, "the model's", slide, SLIDE, "slide", 0.5, "min_gene_overlap 0.5", "lower min_gene_overlap"));
        assertEquals(SLIDE + ": var index (gene names): only 1 of the model's 8 genes (12.5%) are in the slide, below min_gene_overlap 0.5;"
                + " missing e.g. g1, g2, g3, g4, g5, ...; slide genes e.g. G1, G2, G3, G4, G5, ...;"
                + " 8 genes match when case is ignored (e.g. Gapdh vs GAPDH): the files probably come from different species or one was upper-cased;"
                + " map the genes to one species' symbols, or lower min_gene_overlap", e.getMessage());
    }

    @Test
    void versionedAgainstPlainEnsemblIdsGetTheirOwnHint() {
        List<String> plain = List.of("ENSG00000111640", "ENSG00000075624");
        List<String> versioned = List.of("ENSG00000111640.15", "ENSG00000075624.17");
        InputDataException e = assertThrows(InputDataException.class,
                () -> GeneOverlap.requireShare(plain, "the training data's", versioned, SLIDE, "target", 0.5, "the 50% training requires", null));
        assertTrue(e.getMessage().endsWith("; one file has versioned Ensembl ids (ENSG00000111640.15) and the other not: strip the '.N' version suffix"), e.getMessage());
    }
}
