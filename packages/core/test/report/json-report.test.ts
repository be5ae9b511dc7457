import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  JSON_REPORT_VERSION,
  JsonReporter,
  MAX_JSON_REPORT_CHARS,
  createReporter,
  readJsonReport,
  type Issue,
  type ScanReport,
} from '../../src/index.js';
import { defaultOptions, sampleReport } from './sample-report.js';
import { reportSchemaErrors } from './schema-validators.js';

const writeJson = (report: ScanReport = sampleReport()) =>
  new JsonReporter().write(report, defaultOptions);

function issuesOf(text: string): Issue[] {
  const result = readJsonReport(text);
  if (result.ok) throw new Error('expected the report to be rejected');
  return result.issues;
}

describe('JsonReporter', () => {
  it('is registered as the json format and keeps its version', () => {
    expect(createReporter('json')).toBeInstanceOf(JsonReporter);
    expect(JSON.parse(writeJson())).toMatchObject({ version: JSON_REPORT_VERSION });
  });

  it('writes documents that validate against the shipped JSON Schema', () => {
    const { root: _root, ...noRoot } = sampleReport();
    for (const report of [
      sampleReport(),
      sampleReport({ findings: [], rules: [], notices: [] }),
      noRoot,
    ]) {
      expect(reportSchemaErrors(JSON.parse(writeJson(report)))).toEqual([]);
    }
  });

  it('summarises by severity with suppressed findings apart', () => {
    expect(JSON.parse(writeJson()).summary).toEqual({
      findings: 3,
      suppressed: 1,
      bySeverity: { high: 1, critical: 1, medium: 1 },
    });
  });
});

describe('readJsonReport', () => {
  it('reads back exactly what JsonReporter wrote', () => {
    const report = sampleReport();
    const result = readJsonReport(writeJson(report));
    expect(result).toEqual({ ok: true, value: report });
  });

  it('accepts a byte-order mark and a report without rules', () => {
    const document = JSON.parse(writeJson()) as Record<string, unknown>;
    delete document['rules'];
    const result = readJsonReport(`\uFEFF${JSON.stringify(document)}`);
    expect(result.ok && result.value.rules).toEqual([]);
  });

  it('reports JSON syntax errors with line and column', () => {
    expect(issuesOf('{\n  "version": "1.0",\n  "tool": }\n')).toEqual([
      {
        code: 'report.json_syntax',
        message: "invalid JSON: unexpected '}', expected a value",
        line: 3,
        column: 11,
      },
    ]);
    expect(issuesOf('{"a": 1')[0]).toMatchObject({
      line: 1,
      column: 8,
      message: expect.stringMatching(/end of input/),
    });
    expect(issuesOf('')[0]).toMatchObject({ line: 1, column: 1 });
  });

  it('names a wrong version, a SARIF log and a non-report clearly', () => {
    const document = JSON.parse(writeJson()) as Record<string, unknown>;
    expect(issuesOf(JSON.stringify({ ...document, version: '2.0' }))).toEqual([
      {
        code: 'report.version_unsupported',
        path: 'version',
        message: 'report version "2.0" is not supported; this bulwark reads version 1.0 reports',
        hint: 'upgrade bulwark to read it',
      },
    ]);
    expect(issuesOf(JSON.stringify({ ...document, version: '0.9' }))[0]?.hint).toMatch(/re-create/);
    expect(issuesOf(JSON.stringify({ ...document, version: 1 }))[0]?.code).toBe(
      'report.version_unsupported',
    );
    expect(issuesOf(JSON.stringify({ version: '2.1.0', $schema: 'x', runs: [] }))[0]?.message).toBe(
      'this is a SARIF log, not a Bulwark JSON report',
    );
    expect(issuesOf('{"hello": 1}')[0]?.message).toMatch(/missing "version"/);
    expect(issuesOf('[1, 2]')[0]?.message).toBe('expected a JSON object at the top level');
  });

  it('lists every shape problem with its JSON path', () => {
    const document = JSON.parse(writeJson()) as {
      findings: Record<string, unknown>[];
      startedAt: string;
    };
    document.findings[1] = { ...document.findings[1], severity: 'severe', extra: true };
    delete document.findings[2]?.['fingerprint'];
    document.startedAt = 'last tuesday';
    const issues = issuesOf(JSON.stringify(document));
    expect(issues.map((issue) => `${issue.path}: ${issue.message}`)).toEqual([
      'startedAt: expected an RFC 3339 date-time such as 2026-01-31T12:00:00Z, found "last tuesday"',
      'findings[1].severity: must be one of info, low, medium, high, critical; found "severe"',
      'findings[1].extra: unknown property "extra"',
      'findings[2]: missing required property "fingerprint"',
    ]);
  });

  it('caps the number of issues it collects', () => {
    const document = JSON.parse(writeJson()) as { findings: unknown[] };
    document.findings = Array.from({ length: 1000 }, () => ({}));
    expect(issuesOf(JSON.stringify(document)).length).toBeLessThanOrEqual(50);
  });

  it('refuses oversized input before parsing it', () => {
    const huge = { length: MAX_JSON_REPORT_CHARS + 1, charCodeAt: () => 0x7b } as unknown as string;
    expect(issuesOf(huge)[0]?.code).toBe('report.too_large');
  });

  it('never throws on arbitrary or deeply nested input', () => {
    expect(readJsonReport('['.repeat(100_000)).ok).toBe(false);
    expect(readJsonReport(`${'['.repeat(100_000)}${']'.repeat(100_000)}`).ok).toBe(false);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect(readJsonReport(text).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('accepts exactly what the JSON Schema accepts', () => {
    const valid = JSON.parse(writeJson()) as unknown;
    // Mutate one place of a valid report (replace, delete or add a key) and
    // check that the reader and the schema agree on the result.
    const paths: (string | number)[][] = [];
    const collect = (value: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (Array.isArray(value)) value.forEach((item, i) => collect(item, [...path, i]));
      else if (value && typeof value === 'object') {
        for (const [key, item] of Object.entries(value)) collect(item, [...path, key]);
      }
    };
    collect(valid, []);
    const replacement = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom(
        'info',
        'critical',
        'file',
        'artifact',
        'endpoint',
        'inline',
        '',
        'x',
        0,
        -1,
        1.5,
        3,
      ),
      fc.constant('2026-01-01T00:00:00Z'),
    );
    const outcomes = { accepted: 0, rejected: 0 };
    fc.assert(
      fc.property(
        fc.constantFrom(...paths),
        fc.constantFrom('replace', 'delete', 'add'),
        replacement,
        (path, action, value) => {
          const holder: Record<string | number, unknown> = { root: structuredClone(valid) };
          let parent = holder;
          let key: string | number = 'root';
          for (const step of path) {
            parent = parent[key] as Record<string | number, unknown>;
            key = step;
          }
          const target = parent[key];
          if (action === 'replace') parent[key] = value;
          else if (action === 'delete' && !Array.isArray(parent)) delete parent[key];
          else if (
            action === 'add' &&
            target &&
            typeof target === 'object' &&
            !Array.isArray(target)
          ) {
            (target as Record<string, unknown>)['unexpected'] = value;
          }
          const mutated = holder['root'];
          const schemaOk = reportSchemaErrors(mutated).length === 0;
          const readerOk = readJsonReport(JSON.stringify(mutated) ?? '').ok;
          outcomes[readerOk ? 'accepted' : 'rejected']++;
          expect(readerOk, JSON.stringify({ path, action, value })).toBe(schemaOk);
        },
      ),
      { numRuns: 600 },
    );
    expect(outcomes.accepted).toBeGreaterThan(20);
    expect(outcomes.rejected).toBeGreaterThan(20);
  });
});
