"""Rewrites one dataset of an HDF5 file with HDF5's scale-offset filter (which jhdf cannot decode), keeping its
values and attributes: a valid file that stdeconv must refuse naming the filter.
Usage: filter_dataset.py FILE DATASET"""
import sys

import h5py
import numpy as np

path, name = sys.argv[1:3]
with h5py.File(path, "r+") as f:
    values = f[name][:]
    attrs = dict(f[name].attrs)
    del f[name]
    f.create_dataset(name, data=values, scaleoffset=0 if np.issubdtype(values.dtype, np.integer) else 2)
    for k, v in attrs.items():
        f[name].attrs[k] = v
