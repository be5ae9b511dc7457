import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectSecrets } from '@bulwark/detect';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SECRET_DETECTOR,
  SCANNER_NAMES,
  createScanner,
  isScannerName,
  scannerRegistry,
} from '../src/index.js';

describe('scanner registry', () => {
  it('lists the repository scanners in run order', () => {
    expect(SCANNER_NAMES).toEqual(['code', 'secrets', 'configs', 'inventory', 'model']);
    expect(Object.keys(scannerRegistry)).toEqual(SCANNER_NAMES);
    expect(isScannerName('code')).toBe(true);
    expect(isScannerName('toString')).toBe(false);
  });

  it('rejects unknown names with the known ones in the hint', () => {
    expect(() => createScanner('modle')).toThrowError(/Unknown scanner "modle"/);
    try {
      createScanner('modle');
    } catch (error) {
      expect((error as { hint?: string }).hint).toBe(
        'known scanners: code, secrets, configs, inventory, model',
      );
    }
  });

  it("uses the guard's own secret detectors by default", async () => {
    const root = mkdtempSync(join(tmpdir(), 'bulwark-registry-'));
    writeFileSync(
      join(root, 'db.env'),
      'DATABASE_URL=postgres://app:S3cr3tPassw0rd!x@db:5432/app\n',
    );
    expect(DEFAULT_SECRET_DETECTOR).toBe(detectSecrets);
    const result = await createScanner('secrets').scan({ root, files: ['db.env'] });
    expect(result.findings.map((f) => f.ruleId)).toContain('secret.url_credentials');
    expect(JSON.stringify(result.findings)).not.toContain('S3cr3tPassw0rd');
  });
});
