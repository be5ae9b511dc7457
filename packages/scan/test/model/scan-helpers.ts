import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { scanModelFile, type ModelScanOptions } from '../../src/model/scan-model.js';
import type { ArtifactReport } from '../../src/model/model-report.js';

export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'bulwark-model-'));

/** Writes `bytes` as `name` in a fresh temp dir and scans it. */
export async function scanBytes(
  name: string,
  bytes: Uint8Array,
  options: ModelScanOptions = {},
): Promise<ArtifactReport> {
  const dir = tempDir();
  const path = join(dir, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  return scanModelFile(path, name, options);
}
