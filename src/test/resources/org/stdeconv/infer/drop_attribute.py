"""Deletes one attribute of an HDF5 group or dataset (a damaged input for tests). Usage: drop_attribute.py FILE NODE ATTR"""
import sys

import h5py

path, node, attr = sys.argv[1:4]
with h5py.File(path, "r+") as f:
    del f[node].attrs[attr]
