import type { Detection } from '@bulwark/core';
import { detectSecrets } from '@bulwark/detect';

/**
 * The secret detector the repository scanner runs: the guard's
 * `detectSecrets` from @bulwark/detect (same detectors, same allowlist), passed
 * in so this package never carries a second set of secret rules.
 */
export type SecretDetectorFn = (text: string) => Detection[];

/** The detector `bulwark scan` uses when none is injected: the guard's own. */
export const DEFAULT_SECRET_DETECTOR: SecretDetectorFn | undefined = detectSecrets;
