# Writes AnnData files with no observations or no genes, as anndata stores them (h5py's empty datasets), into
# the folder given: no-spots-csr.h5ad, no-spots-dense.h5ad (0 x 3), no-genes-csr.h5ad (4 x 0).
import sys
import anndata as ad
import numpy as np
import pandas as pd
import scipy.sparse as sp

out = sys.argv[1]
genes = pd.DataFrame(index=["G1", "G2", "G3"])
no_obs = pd.DataFrame({"cell_type": pd.Categorical([])}, index=pd.Index([], dtype=str))
ad.AnnData(X=sp.csr_matrix((0, 3), dtype=np.float32), obs=no_obs, var=genes).write_h5ad(f"{out}/no-spots-csr.h5ad")
ad.AnnData(X=np.zeros((0, 3), dtype=np.float32), obs=no_obs, var=genes).write_h5ad(f"{out}/no-spots-dense.h5ad")
spots = pd.DataFrame(index=["a", "b", "c", "d"])
ad.AnnData(X=sp.csr_matrix((4, 0), dtype=np.float32), obs=spots, var=pd.DataFrame(index=pd.Index([], dtype=str))).write_h5ad(f"{out}/no-genes-csr.h5ad")
