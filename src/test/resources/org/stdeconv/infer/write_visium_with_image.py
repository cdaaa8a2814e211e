"""Writes a Visium-like .h5ad whose spots lie on a hexagonal lattice inside a plain-coloured lowres image, as
scanpy's read_visium lays it out: obsm['spatial'] in full-resolution pixels (int64), uns['spatial'][library] with
images/lowres (uint8 H x W x 3) and scalefactors tissue_lowres_scalef and spot_diameter_fullres.

Usage: python3 write_visium_with_image.py OUT.h5ad COLS ROWS N_GENES
"""
import sys

import anndata
import numpy as np
import scipy.sparse as sp

out, cols, rows, g = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
n = cols * rows
rng = np.random.default_rng(11)
counts = rng.poisson(3.0, size=(n, g)).astype(np.float32)
a = anndata.AnnData(X=sp.csr_matrix(counts))
a.obs_names = [f"AAAC{i:05d}-1" for i in range(n)]
a.var_names = [f"g{i}" for i in range(g)]
r, c = np.divmod(np.arange(n), cols)
# full-resolution pixels: 100 apart, odd rows shifted half a spacing, starting 1000 px into the image
a.obsm["spatial"] = np.stack([1000 + c * 100 + (r % 2) * 50, 1000 + r * 87], axis=1).astype(np.int64)
scalef = 0.1
h, w = int((2000 + rows * 87) * scalef), int((2000 + cols * 100) * scalef)
lowres = np.empty((h, w, 3), dtype=np.uint8)
lowres[:] = (232, 180, 208)  # an H&E-like pink
a.uns["spatial"] = {"slice1": {
    "images": {"lowres": lowres},
    "scalefactors": {"tissue_lowres_scalef": scalef, "spot_diameter_fullres": 55.0},
}}
a.write_h5ad(out)
