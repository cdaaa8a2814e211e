package org.stdeconv.infer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.data.GeneAlignment;
import org.stdeconv.data.ProportionTable;
import org.stdeconv.io.h5ad.H5adRowSource;
import org.stdeconv.io.text.ProportionTableReader;
import org.stdeconv.testing.Prerequisites;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The real lymph node Visium slide (anndata-written, 1000 spots x 2000 genes) through infer with a model over the
 * genes it shares with the lymph reference, as train would pick them. The model is the linear test model until
 * trained models can be loaded here.
 */
class LymphSlideTest {
    @TempDir
    Path tmp;

    @Test
    void visiumSlideRunsEndToEndAndAnndataReadsTheResult() throws Exception {
        Path slide = Prerequisites.sharedData("lymph/visium.h5ad");
        Path reference = Prerequisites.sharedData("lymph/reference.h5ad");
        List<String> shared;
        try (H5adRowSource ref = H5adRowSource.open(reference); H5adRowSource s = H5adRowSource.open(slide)) {
            shared = GeneAlignment.intersect(ref.varNames(), s.varNames());
            assertEquals(1000, s.rows());
            assertNotNull(s.spatial());
        }
        assertTrue(shared.size() > 500, "reference and slide share " + shared.size() + " genes");
        LinearSoftmaxModel model = LinearSoftmaxModel.of(shared, 11);
        InferConfig c = new InferConfig();
        c.modelDir = tmp.resolve("model").toString();
        c.slide = slide.toString();
        c.outputDir = tmp.resolve("out").toString();
        c.batchSize = 256;
        InferenceTest.run(c, model);

        ProportionTable p = ProportionTableReader.read(tmp.resolve("out").resolve(InferOutputs.PROPORTIONS_TSV));
        assertEquals(1000, p.size());
        assertNotNull(p.xy());
        for (double[] row : p.values()) assertEquals(1, java.util.Arrays.stream(row).sum(), 1e-4);

        Path py = Prerequisites.pythonWithAnndata();
        Process proc = new ProcessBuilder(py.toString(), "-c", String.join("\n",
                "import anndata, sys",
                "a = anndata.read_h5ad(sys.argv[1])",
                "types = a.uns['stdeconv_cell_types']",
                "types = types if isinstance(types, str) else str(types[0])",
                "print(a.shape, a.obsm['stdeconv_proportions'].shape, a.obs['stdeconv_dominant_type'].iloc[0] in types.split('\\t'), int(a.X.sum()) > 0)"),
                tmp.resolve("out").resolve(InferOutputs.ANNOTATED_H5AD).toString()).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes()).strip();
        assertEquals(0, proc.waitFor(), out);
        assertTrue(out.endsWith("(1000, 2000) (1000, 11) True True"), out);
    }
}
