export type { Scanner, ScanTarget, ScannerResult } from './scanner.js';
export * from './model/index.js';
export * from './integrity/index.js';
export * from './bom/index.js';
export {
  scannerRegistry,
  createScanner,
  isScannerName,
  SCANNER_NAMES,
  type ScannerName,
  type ScannerFactory,
  type ScannerOptions,
} from './scanner-registry.js';
export { runScan, type RunScanOptions, type RunScanResult } from './run-scan.js';
export {
  walkFiles,
  DEFAULT_EXCLUDES,
  type WalkOptions,
  type WalkResult,
} from './files/walk-files.js';
export { changedFilesSince } from './files/changed-files.js';
export {
  readBaseline,
  writeBaseline,
  createBaseline,
  filterBaseline,
  type Baseline,
} from './baseline/baseline.js';
export {
  parseSuppressions,
  applyInlineSuppressions,
  type InlineSuppression,
} from './suppression/inline-suppression.js';
export {
  createCodeScanner,
  type CodeScannerOptions,
  type CodeScanStats,
} from './code/code-scanner.js';
export { analyseSource, type SourceAnalysis, type SourceHit } from './code/analyze-source.js';
export { CODE_RULES } from './code/rules/index.js';
export type { CodeRule, CodeRuleMeta } from './code/rules/code-rule.js';
export { createConfigScanner } from './configs/config-scanner.js';
export { CONFIG_RULES } from './configs/config-rules.js';
export { createSecretsScanner, type SecretsScannerOptions } from './secrets/secrets-scanner.js';
export { DEFAULT_SECRET_DETECTOR, type SecretDetectorFn } from './secrets/secret-detector.js';
export {
  collectInventory,
  type AiInventory,
  type InventoryLocation,
} from './inventory/collect-inventory.js';
export type { AiDependency } from './inventory/manifests.js';
export type { AiPackageCategory } from './inventory/ai-packages.js';
export { renderAttackSurface } from './inventory/attack-surface.js';
export { createInventoryScanner } from './inventory/inventory-scanner.js';
