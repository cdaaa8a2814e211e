"""Writes an AnnData laid out as cellxgene publishes references: the var index holds Ensembl ids, the symbols are the
categorical var column feature_name (with one symbol twice, as cellxgene has), feature_length is numeric and
partial_name has a missing value.

Usage: python3 write_cellxgene_like.py OUT.h5ad
"""
import sys

import anndata
import numpy as np
import pandas as pd
import scipy.sparse as sp

ids = ["ENSG00000111640", "ENSG00000075624", "ENSG00000181449", "ENSG00000284662", "ENSG00000288587"]
symbols = ["GAPDH", "ACTB", "SOX2", "OR4F16", "OR4F16"]
var = pd.DataFrame({"feature_name": pd.Categorical(symbols),
                    "feature_length": np.array([1875, 1922, 2512, 939, 939]),
                    "partial_name": pd.Categorical(["GAPDH", "ACTB", None, "OR4F16", "OR4F29"])}, index=ids)
counts = np.arange(15, dtype=np.float32).reshape(3, 5)
obs = pd.DataFrame({"cell_type": pd.Categorical(["T cell", "B cell", "T cell"])}, index=["c1", "c2", "c3"])
anndata.AnnData(X=sp.csr_matrix(counts), obs=obs, var=var).write_h5ad(sys.argv[1])
