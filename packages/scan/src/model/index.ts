export {
  scanModelArtifacts,
  scanModelFile,
  scanModelBytes,
  listArtifactFiles,
  sha256File,
} from './scan-model.js';
export type { ModelScanOptions, ModelScanResult } from './scan-model.js';
export { DEFAULT_MODEL_SCAN_LIMITS } from './scan-limits.js';
export type { ModelScanLimits } from './scan-limits.js';
export { verdictOf } from './model-report.js';
export type { ArtifactReport, ModelIssue, ModelVerdict } from './model-report.js';
export { MODEL_RULES } from './model-rules.js';
export type { ModelRuleId } from './model-rules.js';
export { modelFindings, modelScanDocument } from './model-findings.js';
export { ModelScanner } from './model-scanner.js';
export type { ModelScanDocument } from './model-findings.js';
export { PICKLE_ALLOW_LIST } from './pickle/allow-list.js';
export type { AllowEntry } from './pickle/allow-list.js';
