import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsonReporter, SARIF_FINGERPRINT_KEY, type ScanReport, type SarifLog } from '@bulwark/core';
import { makeFinding, sampleReport } from '../../core/test/report/sample-report.js';
import { sarifSchemaErrors } from '../../core/test/report/schema-validators.js';
import { parseXml } from '../../core/test/report/xml-test-kit.js';
import { runCli } from '../src/index.js';
import { runBulwark } from './run-bulwark.js';

const NO_SUMMARY = { GITHUB_STEP_SUMMARY: '' };

/** Writes `report` as a JSON report in a fresh directory and returns both paths. */
function savedReport(report: ScanReport = sampleReport()): { dir: string; input: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-report-'));
  const input = join(dir, 'bulwark.json');
  writeFileSync(input, new JsonReporter().write(report, { failOn: 'high', color: false }));
  return { dir, input };
}

function expectNoStack(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('bulwark report', () => {
  it('converts a saved JSON report to SARIF that validates against the OASIS schema', () => {
    const { dir, input } = savedReport();
    const output = join(dir, 'out.sarif');
    const run = runBulwark(['report', '--input', input, '--format', 'sarif', '--output', output], {
      env: NO_SUMMARY,
    });
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`report written to ${output}\n`);
    expect(run.code).toBe(1); // a critical and a high finding, --fail-on defaults to high
    const log = JSON.parse(readFileSync(output, 'utf8')) as SarifLog;
    expect(sarifSchemaErrors(log)).toEqual([]);
    const results = log.runs[0]?.results ?? [];
    expect(results).toHaveLength(4);
    expect(results.map((r) => r.partialFingerprints[SARIF_FINGERPRINT_KEY])).toEqual(
      sampleReport().findings.map((f) => f.fingerprint),
    );
  });

  it('exits 1 only when a finding is at or above --fail-on', () => {
    const medium = sampleReport({
      findings: [makeFinding({ location: { kind: 'file', path: 'a.ts' }, severity: 'medium' })],
    });
    const { input } = savedReport(medium);
    const at = (failOn: string) =>
      runBulwark(['report', '--input', input, '--format', 'json', '--fail-on', failOn], {
        env: NO_SUMMARY,
      }).code;
    expect(at('high')).toBe(0);
    expect(at('medium')).toBe(1);
    expect(at('low')).toBe(1);
    const bad = runBulwark(['report', '--input', input, '--fail-on', 'severe'], {
      env: NO_SUMMARY,
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Invalid --fail-on value "severe"/);
  });

  it('writes JUnit, Markdown and a table', () => {
    const { input } = savedReport();
    const junit = runBulwark(['report', '--input', input, '--format', 'junit'], {
      env: NO_SUMMARY,
    });
    expect(parseXml(junit.stdout)).toHaveProperty('testsuites');
    const markdown = runBulwark(['report', '--input', input, '--format', 'markdown'], {
      env: NO_SUMMARY,
    });
    expect(markdown.stdout).toContain('| Critical | 1 |');
    const table = runBulwark(['report', '--input', input], { env: NO_SUMMARY });
    expect(table.stdout).toMatch(/^SEVERITY\s+RULE/);
    expect(table.stdout).not.toContain('\u001B');
  });

  it('reads the report from stdin with --input -', () => {
    const text = new JsonReporter().write(sampleReport(), { failOn: 'high', color: false });
    const run = runBulwark(['report', '--input', '-', '--format', 'json'], {
      input: text,
      env: NO_SUMMARY,
    });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(text));
  });

  it('rejects malformed JSON with exit 2, line and column, and no stack trace', () => {
    const { dir } = savedReport();
    const input = join(dir, 'broken.json');
    writeFileSync(input, '{\n  "version": "1.0",\n  "tool": {"name": "bulwark",}\n}\n');
    const run = runBulwark(['report', '--input', input, '--format', 'sarif'], { env: NO_SUMMARY });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `bulwark: error: ${input} is not a valid Bulwark JSON report\n` +
        `  ${input}:3:30: invalid JSON: expected a property name in double quotes, found '}'\n`,
    );
    expectNoStack(run.stderr);
  });

  it('names the JSON path of each shape problem', () => {
    const { dir } = savedReport();
    const document = JSON.parse(
      new JsonReporter().write(sampleReport(), { failOn: 'high', color: false }),
    ) as { findings: Record<string, unknown>[] };
    document.findings[0] = { ...document.findings[0], severity: 'urgent' };
    const input = join(dir, 'shape.json');
    writeFileSync(input, JSON.stringify(document));
    const run = runBulwark(['report', '--input', input], { env: NO_SUMMARY });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'findings[0].severity: must be one of info, low, medium, high, critical',
    );
    expectNoStack(run.stderr);
  });

  it('explains a wrong version, a SARIF file and a missing file', () => {
    const { dir } = savedReport();
    const newer = join(dir, 'newer.json');
    writeFileSync(newer, JSON.stringify({ version: '2.0', findings: [] }));
    const sarif = join(dir, 'log.sarif');
    writeFileSync(sarif, JSON.stringify({ version: '2.1.0', $schema: 'x', runs: [] }));
    const cases: [string, RegExp][] = [
      [
        newer,
        /report version "2\.0" is not supported; this bulwark reads version 1\.0 reports \(upgrade bulwark/,
      ],
      [sarif, /this is a SARIF log, not a Bulwark JSON report/],
      [join(dir, 'missing.json'), /Input file not found: .*missing\.json/],
    ];
    for (const [input, message] of cases) {
      const run = runBulwark(['report', '--input', input], { env: NO_SUMMARY });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expectNoStack(run.stderr);
    }
    const missingFlag = runBulwark(['report'], { env: NO_SUMMARY });
    expect(missingFlag.code).toBe(2);
    expect(missingFlag.stderr).toMatch(/required option '--input <file>'/);
  });

  it('appends a Markdown summary to $GITHUB_STEP_SUMMARY unless told not to', () => {
    const { dir, input } = savedReport();
    const summary = join(dir, 'step-summary.md');
    writeFileSync(summary, '# earlier step\n');
    const env = { GITHUB_STEP_SUMMARY: summary };
    const run = runBulwark(
      ['report', '--input', input, '--format', 'sarif', '--output', join(dir, 'o.sarif')],
      { env },
    );
    expect(run.code).toBe(1);
    const text = readFileSync(summary, 'utf8');
    expect(text.startsWith('# earlier step\n## bulwark scan code\n')).toBe(true);
    expect(text).toContain('**Failed:** 2 findings at or above `high`.');

    const quiet = join(dir, 'untouched.md');
    runBulwark(['report', '--input', input, '--format', 'json', '--no-step-summary'], {
      env: { GITHUB_STEP_SUMMARY: quiet },
    });
    expect(existsSync(quiet)).toBe(false);
  });

  it('refuses to wait on a terminal for --input -', async () => {
    const { Readable } = await import('node:stream');
    const stdin = Object.assign(Readable.from([]), { isTTY: true });
    let stderr = '';
    const code = await runCli(['report', '--input', '-'], {
      stdout: { write: () => true },
      stderr: { write: (chunk: string) => (stderr += chunk) },
      stdin,
      env: {},
      cwd: tmpdir(),
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/standard input, which is a terminal/);
  });

  it('colours the table only on a terminal, never into --output', async () => {
    const { dir, input } = savedReport();
    const { Readable } = await import('node:stream');
    const run = async (args: string[], env: Record<string, string> = {}) => {
      let stdout = '';
      const code = await runCli(['report', '--input', input, ...args], {
        stdout: { write: (chunk: string) => (stdout += chunk), isTTY: true },
        stderr: { write: () => true },
        stdin: Readable.from([]),
        env,
        cwd: dir,
      });
      expect(code).toBe(1);
      return stdout;
    };
    expect(await run([])).toContain('\u001B[');
    expect(await run(['--no-color'])).not.toContain('\u001B');
    expect(await run([], { NO_COLOR: '1' })).not.toContain('\u001B');
    await run(['--output', 'table.txt']);
    expect(readFileSync(join(dir, 'table.txt'), 'utf8')).not.toContain('\u001B');
  });
});
