import type { RuleDescriptor, Severity } from '@bulwark/core';

/**
 * Every rule the model scanner can report. Severity decides the verdict:
 * critical/high make a file `malicious`, medium `suspicious`, low/info are
 * notes. `model.scan-incomplete` makes the file `inconclusive` (never clean).
 * Framework IDs: OWASP LLM03:2025 (supply chain), MITRE ATLAS AML.T0010.003
 * (supply-chain compromise: model), AML.T0011.000 (unsafe AI artifacts),
 * AML.T0018.002 (embed malware), CWE-502 (deserialisation of untrusted data).
 */
const SUPPLY = ['LLM03:2025', 'AML.T0010.003', 'AML.T0011.000'];
const MALWARE = [...SUPPLY, 'AML.T0018.002', 'CWE-502'];

function rule(
  id: string,
  severity: Severity,
  title: string,
  help: string,
  refs: string[] = MALWARE,
): RuleDescriptor {
  return { id, severity, title, description: title, help, refs, tags: ['model', 'supply-chain'] };
}

export const MODEL_RULES = {
  'pickle.dangerous-global': rule(
    'pickle.dangerous-global',
    'critical',
    'Pickle imports a dangerous callable',
    'The pickle references a callable that runs code, touches files or the network when the file is loaded. Do not load it; use safetensors.',
  ),
  'pickle.unsafe-call': rule(
    'pickle.unsafe-call',
    'high',
    'Pickle calls a callable outside the allow-list',
    'Loading the file calls code that checkpoints do not need. Load only with `weights_only=True` after review, or convert to safetensors.',
  ),
  'pickle.unknown-global': rule(
    'pickle.unknown-global',
    'medium',
    'Pickle imports a global outside the allow-list',
    'The file needs a class that is not on the allow-list to load. Review the class before loading.',
  ),
  'pickle.dynamic-global': rule(
    'pickle.dynamic-global',
    'medium',
    'Pickle builds an import name at load time',
    'STACK_GLOBAL with a computed module or name hides what is imported.',
  ),
  'pickle.trailing-data': rule(
    'pickle.trailing-data',
    'low',
    'Data after the last pickle STOP',
    'Bytes follow the pickle stream; some loaders read further pickles from them.',
    SUPPLY,
  ),
  'pickle.parse-error': rule(
    'pickle.parse-error',
    'info',
    'Pickle stream is malformed',
    'The stream is broken or truncated; globals before the break were still analysed.',
    SUPPLY,
  ),
  'archive.path-traversal': rule(
    'archive.path-traversal',
    'high',
    'Archive member escapes the extraction directory',
    'A member name with `..` or an absolute path writes outside the target when extracted (zip-slip).',
    [...SUPPLY, 'CWE-22'],
  ),
  'archive.symlink': rule(
    'archive.symlink',
    'medium',
    'Archive member is a link',
    'Links in model archives can point loaders at files outside the model.',
    [...SUPPLY, 'CWE-59'],
  ),
  'archive.bomb': rule(
    'archive.bomb',
    'high',
    'Decompression bomb',
    'A member expands far beyond its compressed size or the configured limits.',
    [...SUPPLY, 'CWE-409'],
  ),
  'archive.anomaly': rule(
    'archive.anomaly',
    'low',
    'Archive structure anomaly',
    'CRC mismatches, header/name mismatches or duplicate names: loaders tolerate them, scanners may be misled.',
    SUPPLY,
  ),
  'archive.polyglot': rule(
    'archive.polyglot',
    'medium',
    'File is valid as two formats',
    'A file that is both a pickle and a zip can be read differently by scanners and loaders.',
    SUPPLY,
  ),
  'keras.lambda-layer': rule(
    'keras.lambda-layer',
    'critical',
    'Keras Lambda layer with code',
    'Lambda layers carry Python bytecode or a function reference that runs on load.',
  ),
  'keras.unsafe-reference': rule(
    'keras.unsafe-reference',
    'high',
    'Keras config references a non-Keras callable',
    '`module`/`class_name`/`registered_name` point outside Keras, so loading imports and calls arbitrary code.',
  ),
  'keras.unsafe-feature': rule(
    'keras.unsafe-feature',
    'critical',
    'Keras config uses an unsafe loading feature',
    'get_file downloads, enable_unsafe_deserialization, TFSMLayer and TorchModuleWrapper load external code or files.',
  ),
  'savedmodel.dangerous-op': rule(
    'savedmodel.dangerous-op',
    'high',
    'TensorFlow graph op touches files or runs Python',
    'Ops such as ReadFile, WriteFile, PyFunc run with the model.',
  ),
  'onnx.external-data-path': rule(
    'onnx.external-data-path',
    'high',
    'ONNX external data path leaves the model directory',
    'External-data locations must be relative paths inside the model directory.',
    [...SUPPLY, 'CWE-22'],
  ),
  'gguf.template-injection': rule(
    'gguf.template-injection',
    'critical',
    'Chat template reaches Python internals',
    'A Jinja chat template that reaches `__class__`, `__globals__` and similar escapes the sandbox of template engines.',
    [...SUPPLY, 'AML.T0018.002', 'CWE-1336'],
  ),
  'gguf.structure': rule(
    'gguf.structure',
    'medium',
    'GGUF structure is implausible',
    'Counts or sizes exceed what the file can hold.',
    SUPPLY,
  ),
  'safetensors.invalid-header': rule(
    'safetensors.invalid-header',
    'medium',
    'safetensors header violates the format',
    'The header must be JSON with valid dtypes, shapes matching byte ranges, sorted, non-overlapping and covering the data.',
    SUPPLY,
  ),
  'numpy.object-array': rule(
    'numpy.object-array',
    'info',
    'NumPy object array holds a pickle',
    'Object arrays load through pickle; the embedded pickle was analysed.',
    SUPPLY,
  ),
  'model.scan-incomplete': rule(
    'model.scan-incomplete',
    'medium',
    'Scan incomplete',
    'The file could not be fully analysed (error or safety limit); treat it as unverified.',
    SUPPLY,
  ),
} satisfies Record<string, RuleDescriptor>;

export type ModelRuleId = keyof typeof MODEL_RULES;
