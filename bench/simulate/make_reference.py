"""Synthetic labelled scRNA-seq reference for the simulate benchmark (raw UMI counts, CSR float32).

cells x genes with 20 cell types; gene weights are log-normal (a few genes take most counts, as in real data),
each type multiplies its own 200 marker genes by 10, and a cell's depth is log-normal around MEDIAN_UMIS. Counts are
a multinomial draw of the cell's depth over its type's gene profile. Usage: make_reference.py OUT.h5ad CELLS GENES
"""
import sys

import anndata
import numpy as np
import pandas as pd
import scipy.sparse as sp

MEDIAN_UMIS = 1000
TYPES = 20
MARKERS = 200

out, n_cells, n_genes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = np.random.default_rng(42)
base = rng.lognormal(0.0, 2.0, n_genes)
profiles = np.tile(base, (TYPES, 1))
for t in range(TYPES):
    profiles[t, rng.choice(n_genes, MARKERS, replace=False)] *= 10
cumulative = np.cumsum(profiles / profiles.sum(axis=1, keepdims=True), axis=1)
labels = rng.integers(0, TYPES, n_cells)
depths = np.maximum(50, rng.lognormal(np.log(MEDIAN_UMIS), 0.5, n_cells)).astype(np.int64)

blocks = []
for start in range(0, n_cells, 5000):
    stop = min(n_cells, start + 5000)
    rows, cols = [], []
    for c in range(start, stop):
        genes = np.searchsorted(cumulative[labels[c]], rng.random(depths[c]))
        genes = np.minimum(genes, n_genes - 1)
        rows.append(np.full(genes.size, c - start, dtype=np.int32))
        cols.append(genes.astype(np.int32))
    r, g = np.concatenate(rows), np.concatenate(cols)
    m = sp.coo_matrix((np.ones(r.size, dtype=np.float32), (r, g)), shape=(stop - start, n_genes)).tocsr()
    m.sum_duplicates()
    blocks.append(m)
x = sp.vstack(blocks).tocsr().astype(np.float32)
obs = pd.DataFrame({"cell_type": [f"type{t:02d}" for t in labels]}, index=[f"cell{i}" for i in range(n_cells)])
var = pd.DataFrame(index=[f"gene{j}" for j in range(n_genes)])
anndata.AnnData(X=x, obs=obs, var=var).write_h5ad(out)
print(f"{out}: {n_cells} cells x {n_genes} genes, {x.nnz} non-zeros ({x.nnz / n_cells:.0f} per cell)")
