import { describe, expect, it } from 'vitest';
import { evil } from './format-fixtures.js';

// ModelScanner in its Scanner role: findings, rules and notices.

describe('ModelScanner (Scanner role)', () => {
  it('returns findings, rules and inconclusive notices for target files', async () => {
    const { ModelScanner } = await import('../../src/model/model-scanner.js');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const root = mkdtempSync(join(tmpdir(), 'bulwark-scanner-'));
    writeFileSync(join(root, 'evil.pkl'), evil());
    writeFileSync(join(root, 'broken.pkl'), Uint8Array.from([0x80, 2, 0xff]));
    const result = await new ModelScanner().scan({ root, files: ['evil.pkl', 'broken.pkl'] });
    expect(
      result.findings.some(
        (f) => f.ruleId === 'pickle.dangerous-global' && f.location.kind === 'artifact',
      ),
    ).toBe(true);
    expect(
      result.findings.every((f) => f.refs.includes('LLM03:2025') && f.fingerprint.length === 32),
    ).toBe(true);
    expect(result.notices.map((n) => n.path)).toEqual(['broken.pkl']);
    expect(result.rules.length).toBeGreaterThan(10);
  });
});
