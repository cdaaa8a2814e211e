package org.stdeconv.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import org.stdeconv.InputDataException;
import org.stdeconv.config.Configs;
import org.stdeconv.data.UniqueNames;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The model folder: {@value #PARAMETERS} (DJL block parameters), {@value #MANIFEST} ({@link ModelManifest}) and,
 * for a model with adaptive intervals, {@value InputProfiles#FILE} ({@link IntervalCalibration}).
 * {@link #load} is what infer and evaluate call; train writes through {@link #write} into a staged folder.
 */
public final class ModelStore {
    public static final String PARAMETERS = "parameters.bin";
    public static final String MANIFEST = "model.yaml";

    private ModelStore() {
    }

    /** Writes parameters and manifest into {@code dir} (fills in the parameters' checksum). */
    public static void write(DeconvNetwork network, ModelManifest manifest, Path dir) {
        write(List.of(network), List.of(manifest.seed), manifest, dir);
    }

    /**
     * Writes an ensemble: the first network to {@value #PARAMETERS}, the others to parameters_member2.bin, ... (listed
     * in the manifest's {@code ensemble_members} with their seeds), then the manifest.
     */
    public static void write(List<DeconvNetwork> networks, List<Long> seeds, ModelManifest manifest, Path dir) {
        try {
            Files.createDirectories(dir);
            manifest.ensembleMembers.clear();
            for (int i = 0; i < networks.size(); i++) {
                String name = i == 0 ? PARAMETERS : "parameters_member" + (i + 1) + ".bin";
                Path params = dir.resolve(name);
                try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(params)))) {
                    networks.get(i).saveParameters(out);
                }
                String sum = FileChecksums.sha256(params);
                if (i == 0) {
                    manifest.parametersFile = PARAMETERS;
                    manifest.parametersSha256 = sum;
                } else {
                    manifest.ensembleMembers.add(new ModelManifest.Member(name, sum, seeds.get(i)));
                }
            }
            Files.writeString(dir.resolve(MANIFEST), Configs.toYaml(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Reads a model folder written by train. Close the model to free its native memory. */
    public static ProportionModel load(Path modelDir) {
        return loadTrained(modelDir);
    }

    public static TrainedModel loadTrained(Path modelDir) {
        ModelManifest manifest = readManifest(modelDir);
        List<Path> files = new ArrayList<>();
        files.add(checkedParameters(modelDir, manifest.parametersFile == null ? PARAMETERS : manifest.parametersFile, manifest.parametersSha256));
        for (ModelManifest.Member m : manifest.ensembleMembers) files.add(checkedParameters(modelDir, m.parametersFile, m.parametersSha256));
        IntervalCalibration calibration = IntervalCalibration.fromResult(manifest.result, manifest.cellTypes, modelDir, manifest.genes.size());
        EngineSetup.startIfNeeded();
        NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu(), "PyTorch");
        Path params = files.get(0);
        try {
            List<DeconvNetwork> networks = new ArrayList<>();
            for (Path f : files) {
                params = f;
                DeconvNetwork network = new DeconvNetwork(manifest.network);
                network.initialize(manager);
                try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(f)))) {
                    network.loadParameters(manager, in);
                }
                requireFiniteParameters(network, f);
                networks.add(network);
            }
            return new TrainedModel(manager, networks, manifest, calibration);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            manager.close();
            if (e instanceof InputDataException ide) throw ide;
            throw new InputDataException(params, null, "cannot load parameters (" + e.getMessage() + ")", "the file does not match model.yaml; retrain");
        }
    }

    /**
     * Train never writes a non-finite weight, so one here means damaged bytes that the checksum did not catch (it
     * was recomputed, or the file was damaged before it was taken); without this check every spot would come out NaN
     * and infer could only blame "the model or its input".
     */
    private static void requireFiniteParameters(DeconvNetwork network, Path file) {
        for (var p : network.getParameters()) {
            float[] v = p.getValue().getArray().toFloatArray();
            for (int i = 0; i < v.length; i++) {
                if (!Float.isFinite(v[i])) {
                    throw new InputDataException(file, null, "weight " + i + " of parameter '" + p.getKey() + "' is " + v[i] + " (the file is damaged)",
                            "retrain the model or copy the model folder again");
                }
            }
        }
    }

    private static Path checkedParameters(Path modelDir, String name, String sha256) {
        Path params = modelDir.resolve(name);
        if (!Files.isRegularFile(params)) {
            throw new InputDataException(modelDir, name, "parameter file missing", "give the whole folder written by stdeconv train");
        }
        requireReadable(params);
        String sum = FileChecksums.sha256(params);
        if (!sum.equals(sha256)) {
            throw new InputDataException(params, null, "checksum " + sum + " differs from model.yaml (" + sha256 + ")", "the model folder is damaged or mixed up; retrain or copy it again");
        }
        return params;
    }

    /** A file or folder this user may not read: said as such, not as a missing or damaged model. */
    private static void requireReadable(Path p) {
        if (Files.exists(p) && (!Files.isReadable(p) || Files.isDirectory(p) && !Files.isExecutable(p))) {
            throw InputDataException.permissionDenied(p);
        }
    }

    public static ModelManifest readManifest(Path modelDir) {
        Path file = modelDir.resolve(MANIFEST);
        requireReadable(modelDir);
        requireReadable(file);
        if (!Files.isRegularFile(file)) {
            throw new InputDataException(modelDir, MANIFEST, "not found", "model_dir must be a folder written by stdeconv train");
        }
        try {
            // an empty file came through as Jackson's "No content to map due to end-of-input"
            if (Files.size(file) == 0) throw new InputDataException(file, null, "the file is empty", "the model folder is damaged (a copy stopped short?); copy it again or retrain");
            ModelManifest m = Configs.yamlMapper().readValue(file.toFile(), ModelManifest.class);
            if (m.format > ModelManifest.FORMAT) {
                throw new InputDataException(file, "format", "model format " + m.format + " is newer than this stdeconv understands (" + ModelManifest.FORMAT + ")", "update stdeconv");
            }
            if (m.genes.isEmpty() || m.cellTypes.isEmpty() || m.network.inputSize != m.genes.size() + (m.appendCoordinates ? 2 : 0)) {
                throw new InputDataException(file, "genes", "gene list, cell types and network input size disagree", "the model folder is damaged; retrain");
            }
            if (m.network.outputs != m.cellTypes.size()) {
                throw new InputDataException(file, "cell_types", m.cellTypes.size() + " cell types for a network of " + m.network.outputs + " outputs", "the model folder is damaged; retrain");
            }
            String repeated = UniqueNames.firstRepeated(m.genes);
            if (repeated == null) repeated = UniqueNames.firstRepeated(m.cellTypes);
            if (repeated != null) throw new InputDataException(file, "genes", "'" + repeated + "' is listed twice", "the model folder is damaged; retrain");
            if (!(m.inputTransform.scale > 0 && Double.isFinite(m.inputTransform.scale) && m.inputTransform.globalMax > 0 && Double.isFinite(m.inputTransform.globalMax))) {
                throw new InputDataException(file, "input_transform", "its scale must be a positive number", "the model folder is damaged; retrain");
            }
            return m;
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            // name the field, not Jackson's class names: "input_transform.kind: not a valid value"
            String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse(null);
            String why = e.getOriginalMessage().split("\n")[0]
                    .replaceFirst("^Cannot deserialize value of type `[^`]+` from (String |Integer value |Floating-point value )?", "")
                    .replace(" for Enum class", "").replaceAll("`[\\w.$]+`", "this field");
            throw new InputDataException(file, field, why, "the model folder is damaged; retrain");
        } catch (IOException e) {
            throw new InputDataException(file, null, "cannot read (" + e.getMessage().replace('\n', ' ') + ")", "the model folder is damaged; retrain");
        }
    }
}
