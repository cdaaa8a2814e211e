"""Rewrites obsm/spatial of an .h5ad as a dataframe with columns x and y (anndata allows dataframes in obsm).
Usage: spatial_as_frame.py FILE"""
import sys

import h5py
import numpy as np

path = sys.argv[1]
with h5py.File(path, "r+") as f:
    xy = f["obsm/spatial"][:]
    names = f["obs/_index"][:]
    del f["obsm/spatial"]
    g = f["obsm"].create_group("spatial")
    g.attrs["encoding-type"] = "dataframe"
    g.attrs["encoding-version"] = "0.2.0"
    g.attrs["_index"] = "_index"
    g.attrs["column-order"] = np.array(["x", "y"], dtype=object)
    idx = g.create_dataset("_index", data=names)
    idx.attrs["encoding-type"] = "string-array"
    idx.attrs["encoding-version"] = "0.2.0"
    for j, c in enumerate(["x", "y"]):
        d = g.create_dataset(c, data=xy[:, j])
        d.attrs["encoding-type"] = "array"
        d.attrs["encoding-version"] = "0.2.0"
