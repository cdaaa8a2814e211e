package org.stdeconv.model;

import org.stdeconv.data.InputTransform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * model.yaml: everything infer needs besides the parameters, plus the provenance of the model. Public fields are
 * the YAML keys. No timestamps: the same training gives the same bytes.
 */
public final class ModelManifest {
    public static final int FORMAT = 1;

    public int format = FORMAT;
    public String parametersFile = ModelStore.PARAMETERS;
    public String parametersSha256;
    /** Further networks of an ensemble (train's {@code ensemble > 1}); predictions are the mean over all networks. */
    public List<Member> ensembleMembers = new ArrayList<>();
    public List<String> genes = new ArrayList<>();
    public List<String> cellTypes = new ArrayList<>();
    public InputTransform inputTransform = new InputTransform();
    public boolean appendCoordinates;
    /** Coordinates are fed as (xy - center) / scale when appended. */
    public List<Double> coordinateCenter = new ArrayList<>(List.of(0.0, 0.0));
    public double coordinateScale = 1;
    public NetworkSpec network = new NetworkSpec();
    public long seed;
    public int threads;
    public Map<String, String> versions = new LinkedHashMap<>();
    public List<TrainingFile> trainingFiles = new ArrayList<>();
    public Map<String, Object> result = new LinkedHashMap<>();
    /** The effective train config (presets applied). */
    public Map<String, Object> config = new LinkedHashMap<>();

    /** One further ensemble network: its parameter file, checksum and seed. */
    public static final class Member {
        public String parametersFile;
        public String parametersSha256;
        public long seed;

        public Member() {
        }

        public Member(String parametersFile, String parametersSha256, long seed) {
            this.parametersFile = parametersFile;
            this.parametersSha256 = parametersSha256;
            this.seed = seed;
        }
    }

    /** One input of the training run and its SHA-256. */
    public static final class TrainingFile {
        public String role;
        public String path;
        public String sha256;

        public TrainingFile() {
        }

        public TrainingFile(String role, String path, String sha256) {
            this.role = role;
            this.path = path;
            this.sha256 = sha256;
        }
    }
}
