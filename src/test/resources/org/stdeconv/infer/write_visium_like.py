"""Writes a Visium-like .h5ad with anndata, as scanpy's read_visium leaves it: int obs columns, a categorical and a
bool column, var gene_ids/feature_types/genome, int64 obsm['spatial'] plus a float32 embedding, varm, and nested
uns['spatial'][library] with uint8 hires/lowres images, scale factors and metadata.

Usage: python3 write_visium_like.py OUT.h5ad N_SPOTS N_GENES
"""
import sys

import anndata
import numpy as np
import pandas as pd
import scipy.sparse as sp

out, n, g = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = np.random.default_rng(5)
counts = rng.poisson(2.0, size=(n, g)) * (rng.random((n, g)) < 0.4)
obs = pd.DataFrame({
    "in_tissue": np.ones(n, dtype=np.int64),
    "array_row": rng.integers(0, 78, n),
    "array_col": rng.integers(0, 128, n),
    "region": pd.Categorical(rng.choice(["cortex", "medulla", "capsule"], n)),
    "is_edge": rng.random(n) < 0.3,
    "score": rng.random(n).astype(np.float32),
}, index=[f"AAAC{i:04d}-1" for i in range(n)])
var = pd.DataFrame({
    "gene_ids": [f"ENSG{i:011d}" for i in range(g)],
    "feature_types": ["Gene Expression"] * g,
    "genome": ["GRCh38"] * g,
}, index=[f"g{i}" for i in range(g)])
a = anndata.AnnData(X=sp.csr_matrix(counts.astype(np.float32)), obs=obs, var=var)
a.obsm["spatial"] = np.stack([rng.integers(1000, 9000, n), rng.integers(1000, 9000, n)], axis=1).astype(np.int64)
a.obsm["X_pca"] = rng.normal(size=(n, 5)).astype(np.float32)
a.varm["PCs"] = rng.normal(size=(g, 5))
a.uns["spatial"] = {"slice1": {
    "images": {"hires": rng.integers(0, 256, (60, 80, 3), dtype=np.uint8),
               "lowres": rng.integers(0, 256, (15, 20, 3), dtype=np.uint8)},
    "scalefactors": {"tissue_hires_scalef": 0.17, "tissue_lowres_scalef": 0.051,
                     "spot_diameter_fullres": 89.4, "fiducial_diameter_fullres": 144.3},
    "metadata": {"chemistry_description": "Spatial 3' v1", "software_version": "spaceranger-1.3.0"},
}}
a.uns["region_colors"] = np.array(["#1f77b4", "#ff7f0e", "#2ca02c"], dtype=object)
a.uns["neighbors"] = {"params": {"n_neighbors": 15, "method": "umap"}}
a.uns["source"] = "visium-like test slide"
a.write_h5ad(out)
