"""Reads an .h5ad with anndata and prints its content as JSON (the independent view of a file stdeconv wrote).

Usage: python3 dump_h5ad.py FILE
"""
import json
import sys

import anndata
import numpy as np
import scipy.sparse as sp

a = anndata.read_h5ad(sys.argv[1])
x = a.X.toarray() if sp.issparse(a.X) else np.asarray(a.X)
obs = {}
for c in a.obs.columns:
    col = a.obs[c]
    if col.dtype.kind in "fiub":
        obs[c] = {"numeric": [None if np.isnan(v) else float(v) for v in col.astype(float)]}
    else:
        obs[c] = {"text": [str(v) for v in col]}
doc = {
    "shape": list(a.shape),
    "X_dtype": str(a.X.dtype),
    "X_sparse": sp.issparse(a.X) and a.X.format,
    "X": x.astype(float).tolist(),
    "obs_names": list(map(str, a.obs_names)),
    "var_names": list(map(str, a.var_names)),
    "obs": obs,
    "spatial": np.asarray(a.obsm["spatial"]).astype(float).tolist() if "spatial" in a.obsm else None,
    "obsm": {k: np.asarray(v).astype(float).tolist() for k, v in a.obsm.items() if k != "spatial"},
    "uns": {k: str(v) for k, v in a.uns.items()},
}
print(json.dumps(doc))
