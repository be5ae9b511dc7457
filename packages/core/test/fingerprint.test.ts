import { describe, expect, it } from 'vitest';
import { fingerprintAll, fingerprintFinding, type Location } from '../src/index.js';

const file: Location = { kind: 'file', path: 'src/app.ts', region: { startLine: 10 } };

describe('fingerprintFinding', () => {
  it('ignores line shifts and whitespace changes', () => {
    const a = fingerprintFinding({ ruleId: 'r1', location: file, evidence: 'eval(out)' });
    const moved: Location = { kind: 'file', path: 'src/app.ts', region: { startLine: 42 } };
    const b = fingerprintFinding({
      ruleId: 'r1',
      location: moved,
      evidence: '  eval( out)'.replace('( ', '('),
    });
    expect(b).toBe(a);
    expect(fingerprintFinding({ ruleId: 'r1', location: file, evidence: 'eval(out)\n' })).toBe(a);
  });

  it('changes when the rule, file, evidence or ordinal changes', () => {
    const base = fingerprintFinding({ ruleId: 'r1', location: file, evidence: 'eval(out)' });
    const other = [
      fingerprintFinding({ ruleId: 'r2', location: file, evidence: 'eval(out)' }),
      fingerprintFinding({
        ruleId: 'r1',
        location: { kind: 'file', path: 'src/b.ts' },
        evidence: 'eval(out)',
      }),
      fingerprintFinding({ ruleId: 'r1', location: file, evidence: 'eval(input)' }),
      fingerprintFinding({ ruleId: 'r1', location: file, evidence: 'eval(out)', ordinal: 1 }),
    ];
    for (const fp of other) expect(fp).not.toBe(base);
    expect(base).toMatch(/^[0-9a-f]{32}$/);
  });

  it('numbers identical occurrences in order', () => {
    const input = { ruleId: 'r1', location: file, evidence: 'x' };
    const [first, second] = fingerprintAll([input, input]);
    expect(first).toBe(fingerprintFinding({ ...input, ordinal: 0 }));
    expect(second).toBe(fingerprintFinding({ ...input, ordinal: 1 }));
  });

  it('distinguishes artifact members', () => {
    const outer = fingerprintFinding({
      ruleId: 'p',
      location: { kind: 'artifact', path: 'm.pt' },
      evidence: 'os.system',
    });
    const inner = fingerprintFinding({
      ruleId: 'p',
      location: { kind: 'artifact', path: 'm.pt', member: 'archive/data.pkl' },
      evidence: 'os.system',
    });
    expect(inner).not.toBe(outer);
  });
});
