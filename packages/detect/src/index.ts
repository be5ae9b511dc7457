export type {
  Detector,
  AsyncDetector,
  DetectorInput,
  HiddenRun,
  NormalizedText,
  OutputSink,
} from './detector.js';
export {
  detectorRegistry,
  DETECTOR_NAMES,
  type DetectorName,
  type DetectorOptions,
} from './detector-registry.js';
export {
  createGuard,
  type DetectorSettings,
  type GuardOptions,
  type RoleThresholds,
} from './guard.js';
export type {
  Guard,
  OutputStreamGuard,
  RedactOptions,
  RedactResult,
  RedactionScope,
  StreamOutputOptions,
  StreamStep,
} from './guard-types.js';
export { normalizeText } from './normalize/normalize-text.js';
export {
  DEFAULT_DECODE_LIMITS,
  findEncodedPayloads,
  type DecodedPayload,
  type DecodeLimits,
  type PayloadEncoding,
} from './normalize/decode-payloads.js';
export {
  PromptAttackDetector,
  type PromptAttackOptions,
} from './prompt-attack/prompt-attack-detector.js';
export { InvisibleTextDetector } from './invisible/invisible-text-detector.js';
export { CanaryDetector } from './canary/canary-detector.js';
export { createCanaryToken } from './canary/canary-token.js';
export { markUntrusted, type SpotlightOptions } from './spotlight/mark-untrusted.js';
export { type GuardPlugin } from './plugins/guard-plugin.js';
export { createLlmJudgePlugin, type LlmJudgeOptions } from './plugins/llm-judge.js';
export {
  EVAL_LABELS,
  computeEvalReport,
  rocAuc,
  tprAtFpr,
  type EvalCounts,
  type EvalLabel,
  type EvalOutcome,
  type EvalReport,
} from './eval/eval-metrics.js';
export {
  createOnnxClassifierPlugin,
  type OnnxClassifierOptions,
} from './plugins/onnx-classifier.js';
export { detectSecrets, SecretDetector, SECRET_RULES } from './secrets/secret-detector.js';
export type { SecretRuleInfo } from './secrets/secret-rule.js';
export { detectPii, PiiDetector, PII_TYPES, type PiiOptions } from './pii/pii-detector.js';
export type { PiiCandidate, PiiRecognizer } from './pii/pii-candidate.js';
export { NATIONAL_ID_RECOGNIZERS, type NationalIdName } from './pii/national-id-registry.js';
export {
  UnsafeOutputDetector,
  type UnsafeOutputOptions,
} from './unsafe-output/unsafe-output-detector.js';
export { createRedactor, type Redactor } from './redaction/redactor.js';
export {
  REDACTION_MODES,
  type RedactionMode,
  type RedactionOptions,
} from './redaction/redaction-options.js';
export { createStreamRedactor, type StreamRedactorParts } from './stream/stream-redactor.js';
export type { SealedValue, VaultEntry, VaultStore } from './vault/vault-store.js';
export { InMemoryVaultStore } from './vault/in-memory-vault-store.js';
export { validateJson, MAX_JSON_OUTPUT } from './json-schema/validate-json.js';
