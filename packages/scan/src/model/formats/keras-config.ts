import type { ModelIssue } from '../model-report.js';
import { dangerReason } from '../pickle/dangerous-callables.js';

/**
 * Checks a Keras model config (Keras 2 `model_config` JSON or Keras 3
 * `config.json`) whatever `keras_version` it claims: Lambda layers and
 * serialised lambdas run code; `module`/`class_name` outside Keras import
 * arbitrary callables; get_file, enable_unsafe_deserialization, TFSMLayer and
 * TorchModuleWrapper load external code or files (CVE-2024-3660,
 * CVE-2025-1550, CVE-2025-8747, CVE-2025-9905).
 */
const KERAS_MODULES = [
  'keras',
  'tf_keras',
  'tensorflow',
  'keras_hub',
  'keras_nlp',
  'keras_cv',
  'tensorflow_hub',
];
const UNSAFE_CLASSES: Record<string, string> = {
  TFSMLayer: 'loads a TensorFlow SavedModel (with its ops) from a path',
  TorchModuleWrapper: 'unpickles a PyTorch module',
};
const UNSAFE_NAMES = [
  'get_file',
  'enable_unsafe_deserialization',
  'load_model',
  'safe_mode',
  'load_model',
  'exec',
  'eval',
];
const MAX_NODES = 2_000_000;

function isKerasModule(module: string): boolean {
  return KERAS_MODULES.some((m) => module === m || module.startsWith(`${m}.`));
}

export function scanKerasConfig(config: unknown, member: string | undefined): ModelIssue[] {
  const issues: ModelIssue[] = [];
  const seen = new Set<string>();
  const push = (issue: ModelIssue) => {
    const key = `${issue.ruleId}|${issue.evidence}`;
    if (seen.has(key)) return;
    seen.add(key);
    issues.push(member === undefined ? issue : { ...issue, member });
  };
  let visited = 0;
  const stack: { value: unknown; path: string }[] = [{ value: config, path: '$' }];
  while (stack.length > 0) {
    const { value, path } = stack.pop() ?? { value: undefined, path: '' };
    if (++visited > MAX_NODES) throw new Error('Keras config has more nodes than the safety limit');
    if (typeof value === 'string') {
      for (const name of UNSAFE_NAMES.slice(0, 3)) {
        if (value === name || value.endsWith(`.${name}`)) {
          push({
            ruleId: 'keras.unsafe-feature',
            severity: 'critical',
            message: `config references ${value} at ${path}`,
            evidence: value.slice(0, 200),
          });
        }
      }
      continue;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, path: `${path}[${i}]` }));
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    const record = value as Record<string, unknown>;
    const className = typeof record['class_name'] === 'string' ? record['class_name'] : undefined;
    const module = typeof record['module'] === 'string' ? record['module'] : undefined;
    const registered =
      typeof record['registered_name'] === 'string' ? record['registered_name'] : undefined;
    const layerName = className?.split('>').pop()?.split('.').pop();
    if (layerName === 'Lambda' || className === '__lambda__') {
      push({
        ruleId: 'keras.lambda-layer',
        severity: 'critical',
        message: `Lambda layer at ${path} carries code that runs on load`,
        evidence: `class_name=${className}`,
      });
    }
    if (
      record['function_type'] === 'lambda' ||
      (record['function_type'] === 'raw' && record['function'] !== undefined)
    ) {
      push({
        ruleId: 'keras.lambda-layer',
        severity: 'critical',
        message: `serialised Python function at ${path}`,
        evidence: 'function_type=lambda',
      });
    }
    if (layerName !== undefined && UNSAFE_CLASSES[layerName] !== undefined) {
      push({
        ruleId: 'keras.unsafe-feature',
        severity: 'critical',
        message: `${layerName} at ${path} ${UNSAFE_CLASSES[layerName]}`,
        evidence: `class_name=${className}`,
      });
    }
    if (className !== undefined && UNSAFE_NAMES.slice(0, 3).includes(layerName ?? '')) {
      push({
        ruleId: 'keras.unsafe-feature',
        severity: 'critical',
        message: `config calls ${className} at ${path}`,
        evidence: `class_name=${className}`,
      });
    }
    // Keras 3 serialises functions as {module, class_name: "function", config: "<name>"}.
    const functionName =
      className === 'function' && typeof record['config'] === 'string'
        ? record['config']
        : undefined;
    const references = [
      module !== undefined && className !== undefined
        ? { module, name: functionName ?? className }
        : undefined,
      className !== undefined && className.includes('.') && module === undefined
        ? {
            module: className.slice(0, className.lastIndexOf('.')),
            name: className.slice(className.lastIndexOf('.') + 1),
          }
        : undefined,
    ];
    for (const ref of references) {
      if (ref === undefined) continue;
      if (isKerasModule(ref.module)) {
        if (UNSAFE_NAMES.slice(0, 3).includes(ref.name)) {
          push({
            ruleId: 'keras.unsafe-feature',
            severity: 'critical',
            message: `config at ${path} calls ${ref.module}.${ref.name}`,
            evidence: `${ref.module}.${ref.name}`,
          });
        }
        continue;
      }
      const danger = dangerReason(ref.module, ref.name);
      const builtinCall = ref.module === 'builtins' || ref.module === '__builtin__';
      push({
        ruleId: 'keras.unsafe-reference',
        severity: danger !== undefined || builtinCall ? 'critical' : 'medium',
        message: `config at ${path} references ${ref.module}.${ref.name}${danger !== undefined ? `: ${danger}` : ', outside Keras'}`,
        evidence: `${ref.module}.${ref.name}`,
      });
    }
    if (registered !== undefined && registered.includes('>') && module === undefined) {
      push({
        ruleId: 'keras.unsafe-reference',
        severity: 'medium',
        message: `config at ${path} needs the custom object ${registered}`,
        evidence: registered,
      });
    }
    for (const [key, child] of Object.entries(record))
      stack.push({ value: child, path: `${path}.${key}` });
  }
  return issues;
}
