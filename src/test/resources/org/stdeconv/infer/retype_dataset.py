"""Rewrites one dataset of an HDF5 file with another dtype, keeping its attributes (a damaged input for tests).
Usage: retype_dataset.py FILE DATASET DTYPE"""
import sys

import h5py

path, name, dtype = sys.argv[1:4]
with h5py.File(path, "r+") as f:
    values = f[name][:].astype(dtype)
    attrs = dict(f[name].attrs)
    del f[name]
    f[name] = values
    for k, v in attrs.items():
        f[name].attrs[k] = v
