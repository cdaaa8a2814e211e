"""Rewrites an .h5ad as cellxgene publishes references: the var index becomes Ensembl-like ids, the symbols move to
the var column feature_name.

Usage: python3 symbols_to_var_column.py IN.h5ad OUT.h5ad
"""
import sys

import anndata

a = anndata.read_h5ad(sys.argv[1])
a.var["feature_name"] = list(a.var_names)
a.var_names = [f"ENSMUSG{j + 1:011d}" for j in range(a.n_vars)]
a.write_h5ad(sys.argv[2])
