import { CanaryDetector } from './canary/canary-detector.js';
import type { Detector } from './detector.js';
import { InvisibleTextDetector } from './invisible/invisible-text-detector.js';
import { PromptAttackDetector } from './prompt-attack/prompt-attack-detector.js';
import { PiiDetector } from './pii/pii-detector.js';
import { SecretDetector } from './secrets/secret-detector.js';
import {
  UnsafeOutputDetector,
  type UnsafeOutputOptions,
} from './unsafe-output/unsafe-output-detector.js';
import type { PromptAttackOptions } from './prompt-attack/prompt-attack-detector.js';
import type { PiiOptions } from './pii/pii-detector.js';

/** Construction options of the detectors that take any, by registry name. */
export interface DetectorOptions {
  'prompt-attack'?: PromptAttackOptions;
  pii?: PiiOptions;
  'unsafe-output'?: UnsafeOutputOptions;
}

/**
 * Every built-in detector by registry name. The CLI's `--detectors a,b` and
 * `createGuard({ detectors })` are typed against these names; an unknown name
 * is an error listing the known ones.
 */
export const detectorRegistry = {
  'prompt-attack': (options) => new PromptAttackDetector(options['prompt-attack']),
  'invisible-text': () => new InvisibleTextDetector(),
  canary: () => new CanaryDetector(),
  secrets: () => new SecretDetector(),
  pii: (options) => new PiiDetector(options.pii),
  'unsafe-output': (options) => new UnsafeOutputDetector(options['unsafe-output']),
} satisfies Record<string, (options: DetectorOptions) => Detector>;

export type DetectorName = keyof typeof detectorRegistry;
export const DETECTOR_NAMES = Object.keys(detectorRegistry) as DetectorName[];
