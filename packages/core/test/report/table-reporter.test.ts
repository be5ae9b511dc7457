import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TableReporter, createReporter } from '../../src/index.js';
import { makeFinding, sampleReport } from './sample-report.js';

const ESC = '\u001B';

// eslint-disable-next-line no-control-regex -- looking for control characters
const UNSAFE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

describe('TableReporter', () => {
  it('is registered as the table format', () => {
    expect(createReporter('table')).toBeInstanceOf(TableReporter);
  });

  it('prints one row per unsuppressed finding, most severe first, and a summary', () => {
    const text = new TableReporter().write(sampleReport(), { failOn: 'high', color: false });
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^SEVERITY\s+RULE\s+LOCATION\s+FINDING$/);
    expect(lines[1]).toMatch(
      /^critical\s+pickle\.dangerous-call\s+models\/model\.pt!\/archive\/data\.pkl\s+GLOBAL os\.system/,
    );
    expect(lines[2]).toMatch(/↳ GLOBAL os system; REDUCE$/);
    expect(lines[3]).toMatch(/^high\s+ai\.unsafe-eval\s+src\/app\.ts:12:5\s+The completion text/);
    expect(text).not.toContain('src/legacy.ts');
    expect(text).toContain(
      '3 findings (1 critical, 1 high, 1 medium), 1 suppressed; 2 at or above high. 3 targets scanned.',
    );
    expect(text).toContain('warning: skipped a file larger than 10 MB (data/huge.bin)');
    expect(text).not.toContain(ESC);
  });

  it('colours only when asked', () => {
    const text = new TableReporter().write(sampleReport(), { failOn: 'high', color: true });
    expect(text).toContain(`${ESC}[1;35mcritical`);
    expect(text).toContain(`${ESC}[1;31m2 at or above high${ESC}[0m`);
  });

  it('strips escape sequences and bidi controls from finding text', () => {
    const report = sampleReport({
      findings: [
        makeFinding({
          location: { kind: 'file', path: 'a.ts' },
          message: `clear${ESC}[2J${ESC}]0;title\u0007 screen`,
          evidence: 'access\u202E level\r\nnext',
        }),
      ],
    });
    const text = new TableReporter().write(report, { failOn: 'high', color: false });
    expect(text).not.toContain(ESC);
    expect(text).not.toContain('\u202E');
    expect(text).not.toContain('\u0007');
    expect(text).toContain('clear[2J]0;title screen');
    expect(text).toContain('↳ access level next');
  });

  it('says so when there is nothing to show', () => {
    const text = new TableReporter().write(sampleReport({ findings: [], notices: [] }), {
      failOn: 'high',
      color: false,
    });
    expect(text).toBe('No findings; none at or above high. 3 targets scanned.\n');
  });

  it('never lets finding text put control characters on the terminal', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => {
        const report = sampleReport({
          findings: [
            makeFinding({
              location: { kind: 'file', path: text || 'x' },
              ruleId: text || 'r',
              message: text,
              evidence: text,
            }),
          ],
          notices: [{ level: 'note', message: text, path: text }],
        });
        const output = new TableReporter().write(report, { failOn: 'high', color: false });
        expect(output).not.toMatch(UNSAFE);
      }),
      { numRuns: 200 },
    );
  });
});
