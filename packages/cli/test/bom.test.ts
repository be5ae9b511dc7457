import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBulwark } from './run-bulwark.js';

describe('bulwark bom', () => {
  it('prints a CycloneDX 1.6 BOM with model components', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-cli-bom-'));
    writeFileSync(join(dir, 'model.pkl'), Buffer.from('\x80\x02}q\x00.', 'latin1'));
    const run = runBulwark(['bom', dir]);
    expect(run.code).toBe(0);
    const bom = JSON.parse(run.stdout);
    expect(bom.specVersion).toBe('1.6');
    expect(bom.components[0].type).toBe('machine-learning-model');
  });
  it('a missing directory is a clear error', () => {
    const run = runBulwark(['bom', '/nonexistent/dir']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Directory not found');
  });
});
