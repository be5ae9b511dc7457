import type { Detection } from '@bulwark/core';

/**
 * The secret detector the repository scanner runs: the guard's
 * `detectSecrets` from @bulwark/detect (same detectors, same allowlist), passed
 * in so this package never carries a second set of secret rules.
 */
export type SecretDetectorFn = (text: string) => Detection[];

/**
 * The detector `bulwark scan` uses when none is injected. Wire the guard's
 * detectors here: `export const DEFAULT_SECRET_DETECTOR: SecretDetectorFn | undefined = detectSecrets;`
 */
export const DEFAULT_SECRET_DETECTOR: SecretDetectorFn | undefined = undefined;
