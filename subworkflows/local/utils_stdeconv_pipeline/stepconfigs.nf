/*
 * The steps' YAML configs (--STEP_config) and key=value overrides (--STEP_set) against the keys each step accepts,
 * before any task: a misspelt key, or the YAML of another step, would otherwise fail only when its task starts,
 * after the steps before it have run (hours, on a large study). The keys come from assets/config_keys.json, which
 * `stdeconv config-template --keys-json` writes and a unit test keeps equal to what the steps accept; values are
 * left to the step (it names them in one line when its task starts).
 */

/** Every problem of the user's step configs and overrides, one line each; [] when all keys are known. */
def stepConfigProblems(params, String keysJson) {
    def keys = new groovy.json.JsonSlurper().parse(new File(keysJson))
    def problems = []
    keys.each { String step, List<String> known ->
        def configParam = "${step}_config".toString()
        def path = params[configParam]
        if (path && file(path.toString()).isFile()) problems += yamlKeyProblems("--${configParam}", file(path.toString()), step, keys)
        def setParam = "${step}_set".toString()
        if (params[setParam] instanceof CharSequence) {
            // an item without a key ('a = b' split at its spaces) is the pattern's problem, said once by the schema check
            params[setParam].toString().trim().split(/\s+/).findAll { it.contains('=') && !it.startsWith('=') }.each { item ->
                def key = item.substring(0, item.indexOf('='))
                if (!isKnown(key, known)) problems << "--${setParam}: ${step} has no key '${key}'${closest(key, known)}; bin/stdeconv config-template ${step} lists its keys"
            }
        }
    }
    return problems
}

/** Problems of one YAML config file: not YAML, not a mapping, or keys the step does not have. */
def yamlKeyProblems(String param, configFile, String step, keys) {
    def doc
    try {
        doc = new org.yaml.snakeyaml.Yaml().load(configFile.text)
    } catch (Exception e) {
        def where = e instanceof org.yaml.snakeyaml.error.MarkedYAMLException && e.problemMark ? " at line ${e.problemMark.line + 1}" : ''
        return ["${param}: ${configFile} is not valid YAML${where}; start from bin/stdeconv config-template ${step}".toString()]
    }
    if (doc == null) return []   // an empty file: the step's defaults
    if (!(doc instanceof Map)) return ["${param}: ${configFile} is not a YAML mapping of keys; start from bin/stdeconv config-template ${step}".toString()]
    def unknown = []
    collectUnknown(doc, '', keys[step], unknown)
    if (!unknown) return []
    def other = keys.find { s, known -> s != step && unknown.every { isKnown(it, known) } }?.key
    def hint = other ? "it looks like the ${other} step's config (give it as --${other}_config)" : "bin/stdeconv config-template ${step} lists its keys"
    def shown = unknown.take(3).collect { "'${it}'${closest(it, keys[step])}" }.join(', ') + (unknown.size() > 3 ? " and ${unknown.size() - 3} more" : '')
    return ["${param}: ${configFile}: ${step} has no key ${shown}; ${hint}".toString()]
}

/** Dotted paths of the keys in `map` (under `prefix`) that are neither a known key nor a section holding known keys. */
def collectUnknown(Map map, String prefix, List<String> known, List<String> unknown) {
    map.each { k, v ->
        def path = prefix + k
        if (path in known) return
        def section = known.any { it.startsWith(path + '.') }
        if (section && v instanceof Map) collectUnknown(v, path + '.', known, unknown)
        else if (!section) unknown << path
    }
}

def isKnown(String key, List<String> known) {
    return key in known || known.any { it.startsWith(key + '.') }
}

/** " (did you mean 'x'?)" for the known key nearest in spelling, when one is near; else "". */
def closest(String key, List<String> known) {
    def best = known.collect { [it, editDistance(key, it)] }.min { it[1] }
    return best && best[1] <= Math.max(2, key.length().intdiv(4)) ? " (did you mean '${best[0]}'?)" : ''
}

def editDistance(String a, String b) {
    int[] prev = (0..b.length()) as int[]
    for (int i = 1; i <= a.length(); i++) {
        int[] cur = new int[b.length() + 1]
        cur[0] = i
        for (int j = 1; j <= b.length(); j++) {
            cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1))
        }
        prev = cur
    }
    return prev[b.length()]
}
