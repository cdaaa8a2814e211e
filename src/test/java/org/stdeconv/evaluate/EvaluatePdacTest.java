package org.stdeconv.evaluate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.cli.Main;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ProportionTable;
import org.stdeconv.io.h5ad.H5adReader;
import org.stdeconv.testing.Prerequisites;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real tissue without truth (PDAC-A, annotated regions): the region table is produced and the report renders in a
 * real browser with every image decoded. Predictions are equal shares written here; the NNLS baseline gives the
 * biologically meaningful half of the report.
 */
class EvaluatePdacTest {
    @TempDir
    Path dir;

    @Test
    void regionTableAndReportOpenInChromium() throws Exception {
        Path reference = Prerequisites.sharedData("pdac/reference.h5ad");
        Path slide = Prerequisites.sharedData("pdac/slide.h5ad");
        ExpressionData ref = H5adReader.read(reference);
        List<String> types = new ArrayList<>(new TreeSet<>(Arrays.asList(ref.obs().text("cell_type"))));
        ExpressionData spots = H5adReader.read(slide);
        double[][] equal = new double[spots.nObs()][types.size()];
        for (double[] row : equal) Arrays.fill(row, 1.0 / types.size());
        Path predictions = dir.resolve("proportions.tsv");
        new ProportionTable(spots.obsNames(), types, equal, null).writeTsv(predictions);

        Path out = dir.resolve("out");
        int rc = Main.execute("evaluate", "--set", "predictions=" + predictions, "--set", "slide=" + slide, "--set", "reference=" + reference,
                "--set", "output_dir=" + out);
        assertEquals(0, rc);

        // region table: every annotated region with its number of spots as counted here from obs.region
        Map<String, Integer> expected = new HashMap<>();
        for (String r : spots.obs().text("region")) if (!r.equalsIgnoreCase("unannotated") && !r.isBlank()) expected.merge(r, 1, Integer::sum);
        Map<String, String[]> baselineRows = new HashMap<>();
        List<String> lines = Files.readAllLines(out.resolve("region_means.tsv"));
        List<String> header = List.of(lines.get(0).split("\t"));
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split("\t");
            if (f[0].equals(Evaluator.BASELINE_NAME)) baselineRows.put(f[1], f);
        }
        assertEquals(expected.keySet(), baselineRows.keySet());
        expected.forEach((region, n) -> assertEquals(n, Integer.parseInt(baselineRows.get(region)[2]), region));
        // biology: the baseline puts cancer clone A in the annotated cancer region far more than anywhere else
        int clone = header.indexOf("Cancer_clone_A");
        double inCancer = Double.parseDouble(baselineRows.get("Cancer")[clone]);
        for (String region : expected.keySet()) {
            if (!region.equals("Cancer")) assertTrue(inCancer > 2 * Double.parseDouble(baselineRows.get(region)[clone]), region + " vs Cancer");
        }

        String html = Files.readString(out.resolve("report.html"));
        for (String region : expected.keySet()) assertTrue(html.contains("<th>" + region + " (" + expected.get(region) + " spots)</th>"), region);
        int images = count(html, "<img ");
        assertTrue(images >= types.size() + 2, images + " images");

        Prerequisites.require(Prerequisites.onPath("chromium"), "chromium (apt-get install chromium) to render report.html");
        String body = renderedBodyTag(out.resolve("report.html"));
        assertEquals(Integer.toString(images), attribute(body, "data-images"), body);
        assertEquals("0", attribute(body, "data-broken"), "images that did not decode: " + body);
    }

    /**
     * Opens a copy of the report with a script that counts, after load, the images the browser failed to decode, and
     * returns the body tag of the rendered DOM carrying that count.
     */
    private String renderedBodyTag(Path report) throws Exception {
        String probe = "<script>window.addEventListener('load',function(){var im=document.images,bad=0;"
                + "for(var i=0;i<im.length;i++){if(!(im[i].complete&&im[i].naturalWidth>0))bad++;}"
                + "document.body.setAttribute('data-images',im.length);document.body.setAttribute('data-broken',bad);});</script>";
        Path page = dir.resolve("probe.html");
        Files.writeString(page, Files.readString(report).replace("</body>", probe + "</body>"), StandardCharsets.UTF_8);
        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        Path dom = dir.resolve("dom.html");
        Process p = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                "--virtual-time-budget=10000", "--dump-dom", page.toUri().toString())
                .redirectOutput(dom.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "chromium did not finish");
        assertEquals(0, p.exitValue(), "chromium exit status");
        Matcher m = Pattern.compile("<body[^>]*>").matcher(Files.readString(dom));
        assertTrue(m.find(), "no body in the rendered DOM");
        return m.group();
    }

    private static String attribute(String tag, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(tag);
        return m.find() ? m.group(1) : null;
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
        return n;
    }
}
