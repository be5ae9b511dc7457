import type { Detector } from './detector.js';

/**
 * Every built-in detector by registry name. The CLI's `--detectors a,b` and
 * `createGuard({ detectors })` are typed against these names; an unknown name
 * is an error listing the known ones.
 */
export const detectorRegistry = {} satisfies Record<string, () => Detector>;

export type DetectorName = keyof typeof detectorRegistry;
export const DETECTOR_NAMES = Object.keys(detectorRegistry) as DetectorName[];
