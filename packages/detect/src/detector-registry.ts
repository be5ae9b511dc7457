import { CanaryDetector } from './canary/canary-detector.js';
import type { Detector } from './detector.js';
import { InvisibleTextDetector } from './invisible/invisible-text-detector.js';
import { PromptAttackDetector } from './prompt-attack/prompt-attack-detector.js';
import { PiiDetector } from './pii/pii-detector.js';
import { SecretDetector } from './secrets/secret-detector.js';
import { UnsafeOutputDetector } from './unsafe-output/unsafe-output-detector.js';

/**
 * Every built-in detector by registry name. The CLI's `--detectors a,b` and
 * `createGuard({ detectors })` are typed against these names; an unknown name
 * is an error listing the known ones.
 */
export const detectorRegistry = {
  'prompt-attack': () => new PromptAttackDetector(),
  'invisible-text': () => new InvisibleTextDetector(),
  canary: () => new CanaryDetector(),
  secrets: () => new SecretDetector(),
  pii: () => new PiiDetector(),
  'unsafe-output': () => new UnsafeOutputDetector(),
} satisfies Record<string, () => Detector>;

export type DetectorName = keyof typeof detectorRegistry;
export const DETECTOR_NAMES = Object.keys(detectorRegistry) as DetectorName[];
