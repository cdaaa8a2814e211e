"""Writes a small Space Ranger 'outs' folder: filtered_feature_bc_matrix.h5 in the 10x HDF5 layout (h5py, fixed-length
byte strings as 10x writes them) and spatial/tissue_positions.csv (with header) or tissue_positions_list.csv.

Usage: write_spaceranger.py OUTDIR [list]
The matrix is 4 features (3 genes, one of them a duplicate symbol, plus an antibody) x 5 barcodes; barcode 4 is off
tissue and barcode 5 has no position. Counts per barcode are known to the test: column b holds b+1 in each gene.
"""
import os
import sys

import h5py
import numpy as np

out = sys.argv[1]
header = len(sys.argv) < 3
os.makedirs(os.path.join(out, "spatial"), exist_ok=True)
barcodes = [f"AAAC-{b}" for b in range(1, 6)]
names = ["Gapdh", "Actb", "Gapdh", "CD3_TotalSeqB"]
ids = ["ENSG1", "ENSG2", "ENSG3", "AB1"]
types = ["Gene Expression"] * 3 + ["Antibody Capture"]
dense = np.zeros((4, 5), dtype=np.int32)  # features x barcodes
for b in range(5):
    dense[0, b] = b + 1
    dense[1, b] = 10 * (b + 1)
    dense[2, b] = 100 * (b + 1)
    dense[3, b] = 7
data, indices, indptr = [], [], [0]
for b in range(5):
    for f in range(4):
        if dense[f, b]:
            data.append(dense[f, b])
            indices.append(f)
    indptr.append(len(data))
with h5py.File(os.path.join(out, "filtered_feature_bc_matrix.h5"), "w") as h:
    m = h.create_group("matrix")
    m.create_dataset("barcodes", data=np.array(barcodes, dtype="S"))
    m.create_dataset("data", data=np.array(data, dtype=np.int32), compression="gzip")
    m.create_dataset("indices", data=np.array(indices, dtype=np.int64), compression="gzip")
    m.create_dataset("indptr", data=np.array(indptr, dtype=np.int64))
    m.create_dataset("shape", data=np.array([4, 5], dtype=np.int32))
    f = m.create_group("features")
    f.create_dataset("name", data=np.array(names, dtype="S"))
    f.create_dataset("id", data=np.array(ids, dtype="S"))
    f.create_dataset("feature_type", data=np.array(types, dtype="S"))
rows = [(barcodes[0], 1, 0, 0, 1000, 2000), (barcodes[1], 1, 0, 2, 1000, 2200), (barcodes[2], 1, 1, 1, 1100, 2100),
        (barcodes[3], 0, 1, 3, 1100, 2300), ("TTTT-9", 1, 5, 5, 1500, 2500)]
name = "tissue_positions.csv" if header else "tissue_positions_list.csv"
with open(os.path.join(out, "spatial", name), "w") as fh:
    if header:
        fh.write("barcode,in_tissue,array_row,array_col,pxl_row_in_fullres,pxl_col_in_fullres\n")
    for r in rows:
        fh.write(",".join(map(str, r)) + "\n")
