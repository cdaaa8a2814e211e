"""Writes AnnData files in the layouts stdeconv must read, with the expected content as JSON beside each.

Usage: python3 write_h5ad_variants.py OUTDIR
Each variant NAME gets NAME.h5ad and NAME.json: {"X": dense counts (the matrix stdeconv should take),
"obs_names", "var_names", "text": {col: [..]}, "numeric": {col: [.. or null for NaN]}, "spatial": [[x, y]] or null}.
Values come from numpy with a fixed seed, not from stdeconv.
"""
import json
import os
import sys

import anndata
import h5py
import numpy as np
import pandas as pd
import scipy.sparse as sp

out = sys.argv[1]
rng = np.random.default_rng(7)
n_obs, n_var = 9, 6
counts = rng.poisson(1.5, size=(n_obs, n_var)).astype(np.float32)
obs_names = [f"spot{i}" for i in range(n_obs)]
var_names = [f"g{j}" for j in range(n_var)]
cell_type = pd.Categorical(["A", "B", "C"] * 3)
flag = np.array([True, False, True, True, False, False, True, False, True])
depth = rng.normal(size=n_obs)
xy = rng.uniform(0, 100, size=(n_obs, 2))


def expected(name, x, text, numeric, spatial):
    def num(v):
        return [None if np.isnan(a) else float(a) for a in v]
    doc = {"X": np.asarray(x, dtype=np.float64).tolist(), "obs_names": obs_names, "var_names": var_names,
           "text": {k: [str(a) for a in v] for k, v in text.items()},
           "numeric": {k: num(np.asarray(v, dtype=np.float64)) for k, v in numeric.items()},
           "spatial": None if spatial is None else np.asarray(spatial, dtype=np.float64).tolist()}
    with open(os.path.join(out, name + ".json"), "w") as f:
        json.dump(doc, f)


def frame():
    return pd.DataFrame({"cell_type": cell_type, "flag": flag, "depth": depth}, index=obs_names)


base_text = {"cell_type": list(cell_type)}
base_num = {"flag": flag.astype(float), "depth": depth}

# CSR float32 (the common case)
a = anndata.AnnData(X=sp.csr_matrix(counts), obs=frame(), var=pd.DataFrame(index=var_names))
a.obsm["spatial"] = xy
a.write_h5ad(os.path.join(out, "csr.h5ad"))
expected("csr", counts, base_text, base_num, xy)

# CSC int64, gzip
a = anndata.AnnData(X=sp.csc_matrix(counts.astype(np.int64)), obs=frame(), var=pd.DataFrame(index=var_names), dtype=np.int64)
a.write_h5ad(os.path.join(out, "csc_int_gzip.h5ad"), compression="gzip")
expected("csc_int_gzip", counts, base_text, base_num, None)

# dense int32 X
a = anndata.AnnData(X=counts.astype(np.int32), obs=frame(), var=pd.DataFrame(index=var_names), dtype=np.int32)
a.write_h5ad(os.path.join(out, "dense_int.h5ad"))
expected("dense_int", counts, base_text, base_num, None)

# normalised X with raw counts in layers/counts: the counts must win
a = anndata.AnnData(X=sp.csr_matrix(np.log1p(counts)), obs=frame(), var=pd.DataFrame(index=var_names))
a.layers["counts"] = sp.csr_matrix(counts)
a.write_h5ad(os.path.join(out, "layers_counts.h5ad"))
expected("layers_counts", counts, base_text, base_num, None)

# a categorical with a missing value (code -1) and many categories stored with int8 codes
many = pd.Categorical([f"t{i}" if i != 4 else None for i in range(n_obs)], categories=[f"t{i}" for i in range(120)])
a = anndata.AnnData(X=sp.csr_matrix(counts), obs=pd.DataFrame({"many": many}, index=obs_names), var=pd.DataFrame(index=var_names))
a.write_h5ad(os.path.join(out, "categorical_missing.h5ad"))
expected("categorical_missing", counts, {"many": ["" if v is None or (isinstance(v, float) and np.isnan(v)) else v for v in many.astype(object)]}, {}, None)

# anndata 0.10 layout of pandas nullable columns, written by hand (Debian's anndata 0.8 cannot)
path = os.path.join(out, "nullable.h5ad")
a = anndata.AnnData(X=sp.csr_matrix(counts), obs=pd.DataFrame(index=obs_names), var=pd.DataFrame(index=var_names))
a.write_h5ad(path)
with h5py.File(path, "r+") as f:
    g = f["obs"].create_group("n_cells")
    g.attrs["encoding-type"] = "nullable-integer"
    g.attrs["encoding-version"] = "0.1.0"
    g.create_dataset("values", data=np.arange(n_obs, dtype=np.int64))
    mask = np.zeros(n_obs, dtype=bool)
    mask[2] = True
    g.create_dataset("mask", data=mask)
    f["obs"].attrs["column-order"] = np.array(["n_cells"], dtype=object)
n_cells = np.arange(n_obs, dtype=float)
n_cells[2] = np.nan
expected("nullable", counts, {}, {"n_cells": n_cells}, None)

# anndata 0.6 layout: obs/var as compound tables, categories in uns, X dense
path = os.path.join(out, "legacy06.h5ad")
with h5py.File(path, "w") as f:
    f.create_dataset("X", data=counts)
    st = h5py.string_dtype()
    obs_t = np.dtype([("index", st), ("cell_type", np.int8), ("depth", np.float64)])
    rec = np.array([(obs_names[i], cell_type.codes[i], depth[i]) for i in range(n_obs)], dtype=obs_t)
    f.create_dataset("obs", data=rec)
    var_t = np.dtype([("index", st)])
    f.create_dataset("var", data=np.array([(v,) for v in var_names], dtype=var_t))
    f.create_dataset("uns/cell_type_categories", data=np.array(list(cell_type.categories), dtype=object), dtype=st)
expected("legacy06", counts, base_text, {"depth": depth}, None)
