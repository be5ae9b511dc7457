export type {
  Detector,
  AsyncDetector,
  DetectorInput,
  NormalizedText,
  OutputSink,
} from './detector.js';
export { detectorRegistry, DETECTOR_NAMES, type DetectorName } from './detector-registry.js';
export { createGuard, type GuardOptions, type RoleThresholds } from './guard.js';
export type {
  Guard,
  OutputStreamGuard,
  RedactResult,
  RedactionScope,
  StreamStep,
} from './guard-types.js';
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
