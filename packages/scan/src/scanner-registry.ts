import { BulwarkError } from '@bulwark/core';
import { createCodeScanner } from './code/code-scanner.js';
import { createConfigScanner } from './configs/config-scanner.js';
import { createInventoryScanner } from './inventory/inventory-scanner.js';
import { ModelScanner } from './model/model-scanner.js';
import type { Scanner, ScannerResult } from './scanner.js';
import { DEFAULT_SECRET_DETECTOR, type SecretDetectorFn } from './secrets/secret-detector.js';
import { createSecretsScanner } from './secrets/secrets-scanner.js';

/** Options every scanner factory receives; each reads what it needs. */
export interface ScannerOptions {
  /** Secret detector for the secrets scanner; defaults to `DEFAULT_SECRET_DETECTOR`. */
  detectSecrets?: SecretDetectorFn;
  /** Secrets scanner: also scan git history. */
  history?: boolean;
  /** Per-file size cap for source parsing. */
  maxFileBytes?: number;
}

export type ScannerFactory = (options: ScannerOptions) => Scanner;

function secretsScanner(options: ScannerOptions): Scanner {
  const detectSecrets = options.detectSecrets ?? DEFAULT_SECRET_DETECTOR;
  if (detectSecrets === undefined) {
    return {
      scan: (): Promise<ScannerResult> =>
        Promise.resolve({
          findings: [],
          rules: [],
          notices: [
            {
              level: 'warning',
              message: 'Secret scanning skipped: no secret detector is configured in this build',
            },
          ],
        }),
    };
  }
  const scannerOptions: Parameters<typeof createSecretsScanner>[0] = { detectSecrets };
  if (options.history !== undefined) scannerOptions.history = options.history;
  return createSecretsScanner(scannerOptions);
}

/**
 * The scanners `bulwark scan [PATH]` runs, by name, in this order. A new kind
 * of scan (e.g. model artifacts) is one more entry.
 */
export const scannerRegistry = {
  code: (options) =>
    createCodeScanner(
      options.maxFileBytes === undefined ? {} : { maxFileBytes: options.maxFileBytes },
    ),
  secrets: secretsScanner,
  configs: () => createConfigScanner(),
  inventory: () => createInventoryScanner(),
  model: () => new ModelScanner(),
} satisfies Record<string, ScannerFactory>;

export type ScannerName = keyof typeof scannerRegistry;

export const SCANNER_NAMES = Object.keys(scannerRegistry) as ScannerName[];

export function isScannerName(name: string): name is ScannerName {
  return Object.hasOwn(scannerRegistry, name);
}

/** Resolves a scanner by name, with an error listing the known names. */
export function createScanner(name: string, options: ScannerOptions = {}): Scanner {
  if (!isScannerName(name)) {
    throw new BulwarkError('UNKNOWN_NAME', `Unknown scanner "${name}"`, {
      hint: `known scanners: ${SCANNER_NAMES.join(', ')}`,
    });
  }
  return scannerRegistry[name](options);
}
