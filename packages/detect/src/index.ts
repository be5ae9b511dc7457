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
