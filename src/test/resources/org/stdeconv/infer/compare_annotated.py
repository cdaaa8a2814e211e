"""Reads the input slide and stdeconv's annotated.h5ad with anndata and checks that the annotated file keeps every
key and value of the input (obs, var, obsm, varm, uns with images, X) with its dtype, and that the proportions are a
DataFrame over obs_names. Prints one JSON line with what it saw; exits 1 with the first difference.

Usage: python3 compare_annotated.py INPUT.h5ad ANNOTATED.h5ad
"""
import json
import sys

import anndata
import numpy as np
import pandas as pd
import scipy.sparse as sp

a = anndata.read_h5ad(sys.argv[1])
b = anndata.read_h5ad(sys.argv[2])


def fail(msg):
    print(msg, file=sys.stderr)
    sys.exit(1)


def same_array(x, y, where):
    x, y = np.asarray(x), np.asarray(y)
    if x.dtype.kind in "OUS" or y.dtype.kind in "OUS":
        if x.shape != y.shape or [str(v) for v in x.ravel()] != [str(v) for v in y.ravel()]:
            fail(f"{where}: text differs")
        return
    if x.dtype != y.dtype:
        fail(f"{where}: dtype {x.dtype} became {y.dtype}")
    if x.shape != y.shape or not np.array_equal(x, y):
        fail(f"{where}: values differ")


def same_frame(x, y, where):
    if list(x.index) != list(y.index):
        fail(f"{where}: index differs")
    for c in x.columns:
        if c not in y.columns:
            fail(f"{where}: column {c} is missing")
        if str(x[c].dtype) != str(y[c].dtype):
            fail(f"{where}[{c}]: dtype {x[c].dtype} became {y[c].dtype}")
        if isinstance(x[c].dtype, pd.CategoricalDtype):
            same_array(x[c].cat.categories, y[c].cat.categories, f"{where}[{c}] categories")
            same_array(x[c].cat.codes, y[c].cat.codes, f"{where}[{c}] codes")
        else:
            same_array(x[c].values, y[c].values, f"{where}[{c}]")


def same_tree(x, y, where):
    if isinstance(x, dict):
        if not isinstance(y, dict):
            fail(f"{where}: a dict became {type(y)}")
        for k in x:
            if k not in y:
                fail(f"{where}/{k} is missing")
            same_tree(x[k], y[k], f"{where}/{k}")
    elif isinstance(x, (str, bytes)):
        if str(x) != str(y):
            fail(f"{where}: {x!r} became {y!r}")
    elif isinstance(x, (int, float, np.number)) and np.ndim(x) == 0:
        if np.asarray(x).dtype != np.asarray(y).dtype or x != y:
            fail(f"{where}: {x!r} became {y!r}")
    else:
        same_array(x, y, where)


if list(a.obs_names) != list(b.obs_names) or list(a.var_names) != list(b.var_names):
    fail("obs_names or var_names differ")
same_frame(a.obs, b.obs, "obs")
same_frame(a.var, b.var, "var")
for k in a.obsm:
    if k not in b.obsm:
        fail(f"obsm/{k} is missing")
    same_array(a.obsm[k], b.obsm[k], f"obsm/{k}")
for k in a.varm:
    same_array(a.varm[k], b.varm[k], f"varm/{k}")
same_tree(dict(a.uns), dict(b.uns), "uns")
if b.X is not None:
    same_array(a.X.toarray(), b.X.toarray(), "X")

p = b.obsm["stdeconv_proportions"]
if not isinstance(p, pd.DataFrame):
    fail(f"obsm/stdeconv_proportions is a {type(p)}, not a DataFrame")
if list(p.index) != list(b.obs_names):
    fail("obsm/stdeconv_proportions index is not obs_names")
for t in p.columns:
    same_array(p[t].values, b.obs["stdeconv_" + t].values, f"proportions[{t}] vs obs")
intervals = {}
for q in ["stdeconv_q05", "stdeconv_q95"]:
    if q in b.obsm:
        f = b.obsm[q]
        if not isinstance(f, pd.DataFrame) or list(f.columns) != list(p.columns) or list(f.index) != list(b.obs_names):
            fail(f"obsm/{q} is not a DataFrame like the proportions")
        intervals[q] = None if np.isnan(f.values).all() else float(f.values.mean())
if intervals.get("stdeconv_q05") is not None and not (np.all(b.obsm["stdeconv_q05"].values <= p.values + 1e-12)
                                        and np.all(p.values <= b.obsm["stdeconv_q95"].values + 1e-12)):
    fail("the proportions lie outside [q05, q95]")
print(json.dumps({
    "n_obs": b.n_obs, "x": b.X is not None, "types": list(p.columns),
    "rowsums": float(np.abs(p.values.sum(axis=1) - 1).max()),
    "hires": list(b.uns["spatial"]["slice1"]["images"]["hires"].shape),
    "hires_dtype": str(b.uns["spatial"]["slice1"]["images"]["hires"].dtype),
    "obs_columns": list(b.obs.columns), "obsm": sorted(b.obsm.keys()), "uns": sorted(b.uns.keys()),
    "intervals": intervals,
}))
