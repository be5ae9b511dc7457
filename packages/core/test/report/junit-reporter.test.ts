import { describe, expect, it } from 'vitest';
import { JunitReporter, createReporter, type Severity } from '../../src/index.js';
import { makeFinding, sampleReport } from './sample-report.js';
import { onlyXmlChars, parseXml } from './xml-test-kit.js';

interface TestCase {
  '@name': string;
  '@classname': string;
  failure?: { '#text': string; '@message': string; '@type': string };
  'system-out'?: string;
}
interface TestSuite {
  '@name': string;
  '@tests': string;
  '@failures': string;
  testcase?: TestCase[];
}
interface JunitDocument {
  testsuites: { '@tests': string; '@failures': string; '@time': string; testsuite?: TestSuite[] };
}

function writeJunit(failOn: Severity, report = sampleReport(), reporter = new JunitReporter()) {
  const xml = reporter.write(report, { failOn, color: false });
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  expect(onlyXmlChars(xml)).toBe(true);
  const doc = parseXml(xml) as unknown as JunitDocument;
  const suites = doc.testsuites.testsuite ?? [];
  const cases = suites.flatMap((suite) => suite.testcase ?? []);
  return { xml, doc, suites, cases };
}

describe('JunitReporter', () => {
  it('is registered as the junit format', () => {
    expect(createReporter('junit')).toBeInstanceOf(JunitReporter);
  });

  it('writes one test suite per rule and one test case per rule × target', () => {
    const { doc, suites, cases } = writeJunit('high');
    // Two declared rules plus one synthesised; three declared targets plus
    // src/legacy.ts, which only a finding mentions.
    expect(suites.map((s) => s['@name'])).toEqual([
      'ai.unsafe-eval',
      'pickle.dangerous-call',
      'redteam.prompt-injection',
    ]);
    expect(cases).toHaveLength(3 * 4);
    expect(doc.testsuites['@tests']).toBe('12');
    expect(doc.testsuites['@time']).toBe('1.234');
    expect(suites[0]?.testcase?.map((c) => c['@name'])).toEqual([
      'src/app.ts',
      'models/model.pt',
      'POST https://api.example.test/v1/chat',
      'src/legacy.ts',
    ]);
    expect(new Set(cases.map((c) => `${c['@classname']}×${c['@name']}`)).size).toBe(12);
  });

  it('fails test cases only for unsuppressed findings at or above the threshold', () => {
    const failed = (failOn: Severity) =>
      writeJunit(failOn)
        .cases.filter((c) => c.failure)
        .map((c) => `${c['@classname']} ${c['@name']}`);
    expect(failed('critical')).toEqual(['pickle.dangerous-call models/model.pt']);
    expect(failed('high')).toEqual([
      'ai.unsafe-eval src/app.ts',
      'pickle.dangerous-call models/model.pt',
    ]);
    expect(failed('info')).toEqual([
      'ai.unsafe-eval src/app.ts',
      'pickle.dangerous-call models/model.pt',
      'redteam.prompt-injection POST https://api.example.test/v1/chat',
    ]);
    const { doc, suites } = writeJunit('high');
    expect(doc.testsuites['@failures']).toBe('2');
    expect(suites.map((s) => s['@failures'])).toEqual(['1', '1', '0']);
  });

  it('describes failures and lists passing findings in system-out', () => {
    const { cases } = writeJunit('high');
    const pickle = cases.find((c) => c['@classname'] === 'pickle.dangerous-call' && c.failure);
    expect(pickle?.failure?.['@type']).toBe('critical');
    expect(pickle?.failure?.['@message']).toBe(
      '1 finding at or above high: Pickle calls os.system',
    );
    expect(pickle?.failure?.['#text']).toContain('[critical] models/model.pt!/archive/data.pkl');
    const suppressed = cases.find((c) => c['@name'] === 'src/legacy.ts' && c['system-out']);
    expect(suppressed?.failure).toBeUndefined();
    expect(suppressed?.['system-out']).toContain('suppressed (inline): sandboxed interpreter');
    const below = cases.find(
      (c) => c['@classname'] === 'redteam.prompt-injection' && c['system-out'],
    );
    expect(below?.failure).toBeUndefined();
  });

  it('escapes markup and strips characters XML cannot hold', () => {
    const nasty = 'x</failure><script>alert("&")</script>]]>\u0000\u001B[31m\uD800\uFFFF\ttab 😀';
    const report = sampleReport({
      rules: [],
      targets: [],
      findings: [
        makeFinding({
          ruleId: 'rule"<&>',
          title: nasty,
          message: nasty,
          evidence: nasty,
          location: { kind: 'file', path: 'a "quoted" <path>.ts' },
        }),
      ],
    });
    const { cases } = writeJunit('high', report);
    expect(cases).toHaveLength(1);
    expect(cases[0]?.['@classname']).toBe('rule"<&>');
    expect(cases[0]?.['@name']).toBe('a "quoted" <path>.ts');
    expect(cases[0]?.failure?.['@message']).toBe(
      '1 finding at or above high: x</failure><script>alert("&")</script>]]>[31m\ttab 😀',
    );
    expect(cases[0]?.failure?.['#text']).toContain('evidence: x</failure><script>');
  });

  it('writes an empty but valid document for an empty run', () => {
    const { doc, cases } = writeJunit(
      'high',
      sampleReport({ rules: [], findings: [], targets: [] }),
    );
    expect(cases).toEqual([]);
    expect(doc.testsuites['@tests']).toBe('0');
  });

  it('lists only targets with findings when rule × target would be too many', () => {
    const targets = Array.from({ length: 50 }, (_, i) => `src/f${i}.ts`);
    const report = sampleReport({
      targets,
      findings: [makeFinding({ location: { kind: 'file', path: 'src/f3.ts' } })],
    });
    const { cases, doc } = writeJunit('high', report, new JunitReporter({ maxTestCases: 60 }));
    expect(cases.map((c) => `${c['@classname']} ${c['@name']}`)).toEqual([
      'ai.unsafe-eval src/f3.ts',
      'ai.unsafe-eval (49 other targets)',
      'pickle.dangerous-call (50 other targets)',
    ]);
    expect(doc.testsuites['@failures']).toBe('1');
  });
});
