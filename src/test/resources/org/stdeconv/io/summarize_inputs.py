"""Independent summaries of the shared real data sets, for stdeconv's readers to match.

Usage:
  summarize_inputs.py h5ad FILE                 (anndata)
  summarize_inputs.py mtx MTX GENES BARCODES    (scipy.io.mmread; the matrix is genes x barcodes)
  summarize_inputs.py csv COUNTS RATIO          (python's csv module; COUNTS genes x spots, RATIO spots x types)
Prints JSON: shape [obs, genes], nnz, total, row_sums (per observation), col_sums (per gene), obs_names,
var_names, and per format obs columns, spatial or truth.
"""
import csv
import gzip
import json
import sys

import numpy as np
import scipy.io
import scipy.sparse as sp


def summary(x, obs_names, var_names):
    x = sp.csr_matrix(x)
    return {"shape": list(x.shape), "nnz": int((x != 0).sum()), "total": float(x.sum(dtype=np.float64)),
            "row_sums": np.asarray(x.sum(axis=1, dtype=np.float64)).ravel().tolist(),
            "col_sums": np.asarray(x.sum(axis=0, dtype=np.float64)).ravel().tolist(),
            "obs_names": list(map(str, obs_names)), "var_names": list(map(str, var_names))}


def lines(path):
    with gzip.open(path, "rt") as f:
        return [l.rstrip("\n") for l in f if l.strip()]


mode = sys.argv[1]
if mode == "h5ad":
    import anndata
    a = anndata.read_h5ad(sys.argv[2])
    doc = summary(a.X, a.obs_names, a.var_names)
    doc["obs"] = {}
    for c in a.obs.columns:
        col = a.obs[c]
        if col.dtype.kind in "fiub":
            doc["obs"][c] = {"numeric": [None if np.isnan(v) else float(v) for v in col.astype(float)]}
        else:
            doc["obs"][c] = {"text": [str(v) for v in col]}
    doc["spatial"] = np.asarray(a.obsm["spatial"], dtype=float).tolist() if "spatial" in a.obsm else None
elif mode == "mtx":
    m = scipy.io.mmread(sys.argv[2]).T  # genes x barcodes -> barcodes x genes
    doc = summary(m, lines(sys.argv[4]), lines(sys.argv[3]))
elif mode == "csv":
    with gzip.open(sys.argv[2], "rt") as f:
        rows = list(csv.reader(f))
    spots = rows[0][1:]
    genes = [r[0] for r in rows[1:]]
    x = np.array([[float(v) for v in r[1:]] for r in rows[1:]]).T
    doc = summary(x, spots, genes)
    with gzip.open(sys.argv[3], "rt") as f:
        ratio = list(csv.reader(f))
    doc["truth"] = {t: [float(r[j]) for r in ratio[1:]] for j, t in enumerate(ratio[0])}
else:
    raise SystemExit("unknown mode " + mode)
print(json.dumps(doc))
