export type {
  Detector,
  AsyncDetector,
  DetectorInput,
  NormalizedText,
  OutputSink,
} from './detector.js';
export { detectorRegistry, DETECTOR_NAMES, type DetectorName } from './detector-registry.js';
