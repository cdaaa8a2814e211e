package org.stdeconv.io;

import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ObsTable;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A slide already read whole (formats without row access): blocks are slices of the matrix in memory. */
public final class InMemorySpotSource implements SpotSource {
    private final Path path;
    private final ExpressionData data;

    public InMemorySpotSource(Path path, ExpressionData data) {
        this.path = path;
        this.data = data;
    }

    @Override public Path path() { return path; }
    @Override public int rows() { return data.nObs(); }
    @Override public List<String> obsNames() { return data.obsNames(); }
    @Override public List<String> varNames() { return data.varNames(); }
    @Override public double[][] spatial() { return data.spatial(); }
    @Override public ObsTable obs() { return data.obs(); }
    @Override public Map<String, String> uns() { return data.uns(); }
    @Override public long storedEntries() { return data.counts().nnz(); }

    @Override
    public CsrMatrix readRows(int start, int n) {
        return data.counts().sliceRows(start, n);
    }

    @Override
    public void close() {
    }
}
