import {
  JsonReporter,
  REPORT_FORMATS,
  createReporter,
  fingerprintAll,
  readJsonReport,
  type Finding,
  type Location,
  type ScanReport,
  type Severity,
} from '../src/index.js';
import { fmt, markdownTable, type BenchSuite } from '../../../scripts/bench-kit.js';

const FINDINGS = 10_000;
const RUNS = 5;
const SEVERITY_CYCLE: Severity[] = ['critical', 'high', 'high', 'medium', 'medium', 'low', 'info'];

function location(i: number): Location {
  if (i % 10 === 0)
    return { kind: 'artifact', path: `models/m${i % 50}.pt`, member: 'archive/data.pkl' };
  if (i % 25 === 1)
    return { kind: 'endpoint', url: `https://api.example.test/v1/r${i % 7}`, method: 'POST' };
  return {
    kind: 'file',
    path: `src/module-${i % 500}/file-${i % 97}.ts`,
    region: { startLine: 1 + (i % 400), startColumn: 5, endLine: 1 + (i % 400), endColumn: 40 },
    snippet: `const out${i} = await llm.complete(prompt); eval(out${i}.text);`,
  };
}

function buildReport(): ScanReport {
  const raw = Array.from({ length: FINDINGS }, (_, i) => ({
    ruleId: `ai.rule-${i % 40}`,
    location: location(i),
    evidence: `eval(out${i % 300}.text) <b>|${'`'}x${'`'}</b> & "quoted"`,
  }));
  const fingerprints = fingerprintAll(raw);
  const findings: Finding[] = raw.map((input, i) => ({
    ...input,
    title: `Rule ${i % 40} fired`,
    message: `Model output reaches a dangerous sink (occurrence ${i}).`,
    severity: SEVERITY_CYCLE[i % SEVERITY_CYCLE.length] ?? 'medium',
    confidence: 'high',
    refs: ['LLM05:2025', 'CWE-95', 'AML.T0051.000'],
    fingerprint: fingerprints[i] ?? '',
    ...(i % 50 === 0
      ? { suppression: { kind: 'baseline' as const, reason: 'accepted risk' } }
      : {}),
  }));
  return {
    tool: { name: 'bulwark', version: '0.1.0' },
    command: 'scan code',
    root: '/home/dev/project',
    targets: [
      ...new Set(findings.map((f) => (f.location.kind === 'endpoint' ? '' : f.location.path))),
    ].filter(Boolean),
    rules: Array.from({ length: 40 }, (_, r) => ({
      id: `ai.rule-${r}`,
      title: `Rule ${r}`,
      description: 'Model output reaches a dangerous sink.',
      help: 'Treat model output as untrusted input.',
      severity: 'high' as const,
      refs: ['LLM05:2025', 'CWE-95'],
    })),
    findings,
    notices: [],
    startedAt: '2026-11-21T10:00:00.000Z',
    durationMs: 1000,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function time(fn: () => string): { ms: number; bytes: number } {
  let bytes = Buffer.byteLength(fn()); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    bytes = Buffer.byteLength(fn());
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { ms: median(samples), bytes };
}

/** Cost of writing (and reading back) a large report in every format. */
const suite: BenchSuite = {
  name: 'core-reporters',
  title: 'Core: report writers (10,000 findings)',
  async run() {
    const report = buildReport();
    const options = { failOn: 'high' as const, color: false };
    const rows: (string | number)[][] = [];
    for (const format of REPORT_FORMATS) {
      const reporter = createReporter(format);
      const { ms, bytes } = time(() => reporter.write(report, options));
      rows.push([
        `write ${format}`,
        fmt(ms, 1),
        fmt((ms * 1000) / FINDINGS, 2),
        fmt(bytes / 1e3, 0),
      ]);
    }
    const json = new JsonReporter().write(report, options);
    const { ms } = time(() => {
      if (!readJsonReport(json).ok) throw new Error('benchmark report did not validate');
      return '';
    });
    rows.push([
      'readJsonReport (parse + validate)',
      fmt(ms, 1),
      fmt((ms * 1000) / FINDINGS, 2),
      fmt(json.length / 1e3, 0),
    ]);
    return [
      `Median of ${RUNS} runs after one warm-up, wall-clock on a shared 2-core machine (noisy).`,
      '',
      markdownTable(['operation', 'ms per report', 'µs per finding', 'output KB'], rows),
    ].join('\n');
  },
};
export default suite;
