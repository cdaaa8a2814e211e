package org.stdeconv.qc;

import com.fasterxml.jackson.annotation.JsonMerge;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.stdeconv.ConfigException;
import org.stdeconv.config.InputPath;
import org.stdeconv.config.OutputPath;
import org.stdeconv.config.Required;
import org.stdeconv.config.StepConfig;

import java.util.ArrayList;
import java.util.List;

/** Keys of `stdeconv qc`. */
public class QcConfig extends StepConfig {
    @Required @InputPath
    @JsonPropertyDescription("Labelled scRNA-seq reference (.h5ad, 10x folder, MatrixMarket folder or CSV/TSV).")
    public String reference;

    @JsonPropertyDescription("obs column of the reference holding the cell type of each cell.")
    public String cellTypeColumn = "cell_type";

    @JsonPropertyDescription("var column of an .h5ad reference that names its genes instead of the var index (scanpy's var_names), e.g. feature_name where the index holds Ensembl ids (cellxgene); duplicates become NAME-1, NAME-2. Unset: the index.")
    public String referenceVarNames;

    @Required @InputPath
    @JsonPropertyDescription("Spatial slide to deconvolve (same formats).")
    public String slide;

    @Required @OutputPath
    @JsonPropertyDescription("Folder for the filtered reference and slide, genes.tsv, qc.json/tsv, plots and qc.html.")
    public String outputDir;

    @JsonPropertyDescription("Gene name prefixes that mark mitochondrial genes (for the mitochondrial fraction).")
    public List<String> mitoPrefixes = new ArrayList<>(List.of("mt-", "MT-"));

    // @JsonMerge: a config that sets one key of the section keeps the others' defaults here; without it Jackson built
    // a fresh ObservationFilters, whose own defaults are "no filter" (0 / 0 / 1.0), and switched the others off
    @JsonPropertyDescription("Filters on reference cells.")
    @JsonMerge
    public ObservationFilters cells = new ObservationFilters(100, 10, 0.2);

    @JsonPropertyDescription("Filters on slide spots.")
    @JsonMerge
    public ObservationFilters spots = new ObservationFilters(100, 50, 0.5);

    @JsonPropertyDescription("Keep only shared genes detected in at least this many kept reference cells.")
    public int minCellsPerGene = 3;

    @JsonPropertyDescription("Cell types with fewer kept cells are dropped (with a warning naming them).")
    public int minCellsPerType = 10;

    @JsonPropertyDescription("Fewer genes shared by reference and slide than this is an error (names usually differ in case or id type).")
    public int minSharedGenes = 100;

    @JsonPropertyDescription("Informative gene selection (Welch t-test of each cell type against the rest).")
    public GeneSelectionKeys genes = new GeneSelectionKeys();

    @Override
    public void validate(String source) {
        cells.check(source, "cells");
        spots.check(source, "spots");
        genes.check(source, "genes");
        if (minCellsPerGene < 0) throw new ConfigException(source, "min_cells_per_gene", "must be >= 0, got " + minCellsPerGene, "use 0 to keep every shared gene");
        if (minCellsPerType < 2) throw new ConfigException(source, "min_cells_per_type", "must be >= 2, got " + minCellsPerType, "a t-test needs at least two cells per type");
        if (minSharedGenes < 1) throw new ConfigException(source, "min_shared_genes", "must be >= 1, got " + minSharedGenes, "set a positive number");
        if (mitoPrefixes == null) mitoPrefixes = new ArrayList<>();
        if (mitoPrefixes.stream().anyMatch(p -> p == null || p.isBlank())) {
            throw new ConfigException(source, "mito_prefixes", "holds an empty prefix, which marks no gene as mitochondrial", "remove it; [] turns the mitochondrial fraction off");
        }
        if (referenceVarNames != null && referenceVarNames.isBlank()) {
            throw new ConfigException(source, "reference_var_names", "is empty", "name a var column of the reference (e.g. feature_name), or leave the key out to use the var index");
        }
        if (cellTypeColumn == null || cellTypeColumn.isBlank()) {
            throw new ConfigException(source, "cell_type_column", "must name an obs column", "e.g. cell_type_column: cell_type");
        }
    }
}
