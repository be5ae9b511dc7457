// Benchmark of the leak detectors: throughput on prompt-sized texts,
// streaming cost per chunk, precision/recall on the generated labelled set,
// and findings per MB over the repository's own node_modules.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  fmt,
  markdownTable,
  measureThroughput,
  type BenchSuite,
} from '../../../scripts/bench-kit.js';
import { createRedactor, detectPii, detectSecrets, SECRET_RULES } from '../src/index.js';
import {
  PII_HARD_NEGATIVES,
  piiSamples,
  SECRET_HARD_NEGATIVES,
  secretSamples,
  seededRandom,
  type LabelledSample,
} from '../test/support/leak-corpus.js';

const PROSE = [
  'The deployment finished without errors and the service answered health checks within two seconds.',
  'Please summarise the attached meeting notes and list the action items with their owners.',
  'function add(a, b) { return a + b; } // returns the sum of two numbers',
  'Our quarterly revenue grew by 12 percent, driven mainly by the new subscription tier.',
  'Can you rewrite this paragraph in a friendlier tone, keeping it under 120 words?',
  'const config = { retries: 3, timeoutMs: 5000, region: "eu-west-1" };',
];

function promptTexts(count: number, size: number): string[] {
  const random = seededRandom(99);
  const samples = [...secretSamples(5, 1), ...piiSamples(5, 3)];
  const texts: string[] = [];
  for (let i = 0; i < count; i++) {
    let text = '';
    while (text.length < size) {
      const r = random();
      text +=
        r < 0.03
          ? `${samples[Math.floor(random() * samples.length)]?.text ?? ''}\n`
          : `${PROSE[Math.floor(random() * PROSE.length)]} `;
    }
    texts.push(text);
  }
  return texts;
}

interface Score {
  tp: number;
  fp: number;
  fn: number;
  covered: number;
}

function score(
  samples: readonly LabelledSample[],
  negatives: readonly string[],
  detect: (text: string) => { type: string; start: number; end: number }[],
  key: (type: string) => string,
): Map<string, Score> {
  const scores = new Map<string, Score>();
  const get = (k: string) => {
    let s = scores.get(k);
    if (!s) scores.set(k, (s = { tp: 0, fp: 0, fn: 0, covered: 0 }));
    return s;
  };
  const all = [...samples, ...negatives.map((text) => ({ text, spans: [] }))];
  for (const sample of all) {
    const found = detect(sample.text);
    for (const span of sample.spans) {
      const hit = found.find((d) => d.start < span.end && span.start < d.end);
      const s = get(key(span.type));
      if (hit) {
        s.tp++;
        if (hit.start <= span.start && hit.end >= span.end) s.covered++;
      } else s.fn++;
    }
    for (const d of found) {
      if (!sample.spans.some((span) => d.start < span.end && span.start < d.end))
        get(key(d.type)).fp++;
    }
  }
  return scores;
}

function rows(scores: Map<string, Score>): (string | number)[][] {
  return [...scores.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, s]) => [
      k,
      s.tp + s.fn,
      fmt(s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp)),
      fmt(s.tp + s.fn === 0 ? 1 : s.tp / (s.tp + s.fn)),
      fmt(s.tp + s.fn === 0 ? 1 : s.covered / (s.tp + s.fn)),
    ]);
}

function* sourceFiles(dir: string, budget: { bytes: number }): Generator<string> {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of entries) {
    if (budget.bytes <= 0) return;
    const path = join(dir, name);
    let stat;
    try {
      stat = statSync(path);
    } catch {
      continue;
    }
    // Skip our own workspace packages (their tests hold labelled fake secrets).
    if (stat.isDirectory()) {
      if (name !== '@bulwark') yield* sourceFiles(path, budget);
    } else if (/\.(?:[cm]?js|ts|json|md|ya?ml)$/.test(name) && stat.size < 2_000_000) {
      budget.bytes -= stat.size;
      yield path;
    }
  }
}

const suite: BenchSuite = {
  name: 'detect-leak',
  title: 'Detect: secrets, PII, redaction and streaming',
  async run() {
    const texts = promptTexts(200, 4096);
    const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
    const secretsMBs = measureThroughput(() => texts.forEach((t) => detectSecrets(t)), bytes, 2);
    const bothMBs = measureThroughput(
      () => texts.forEach((t) => (detectSecrets(t), detectPii(t))),
      bytes,
      2,
    );
    // Streaming: 4 KB replies in 16-character deltas (SSE-sized).
    const redactor = createRedactor({ key: 'bench' });
    const replies = texts.slice(0, 50);
    const chunksOf = (t: string) => t.match(/[\s\S]{1,16}/g) ?? [];
    const chunkCount = replies.reduce((n, t) => n + chunksOf(t).length, 0);
    const streamOnce = () => {
      for (const reply of replies) {
        const stream = redactor.createStreamRedactor(
          { tenant: 'b', conversation: 'c' },
          { restore: true },
        );
        for (const chunk of chunksOf(reply)) stream.push(chunk);
        stream.end();
      }
    };
    const batchOnce = () => {
      for (const reply of replies) redactor.redact(reply, { tenant: 'b', conversation: 'c' });
    };
    const time = (fn: () => void, runs = 5) => {
      fn();
      const start = process.hrtime.bigint();
      for (let i = 0; i < runs; i++) fn();
      return Number(process.hrtime.bigint() - start) / 1e6 / runs;
    };
    const streamMs = time(streamOnce);
    const batchMs = time(batchOnce);

    const prefixed = new Set(SECRET_RULES.filter((r) => r.prefixed).map((r) => r.id));
    const secretScores = score(
      secretSamples(2024, 10),
      SECRET_HARD_NEGATIVES,
      detectSecrets,
      (t) => (prefixed.has(t) ? 'prefixed formats' : 'generic credentials'),
    );
    const overall = { tp: 0, fp: 0, fn: 0, covered: 0 };
    for (const s of secretScores.values()) {
      overall.tp += s.tp;
      overall.fp += s.fp;
      overall.fn += s.fn;
      overall.covered += s.covered;
    }
    secretScores.set('all secrets', overall);
    const piiScores = score(piiSamples(2024, 60), PII_HARD_NEGATIVES, detectPii, (t) => t);

    // Findings per MB on real code: this repository's node_modules.
    const root = new URL('../../../node_modules', import.meta.url).pathname;
    const budget = { bytes: 60_000_000 };
    let scanned = 0;
    const byRule = new Map<string, number>();
    const examples: string[] = [];
    const started = Date.now();
    for (const file of sourceFiles(root, budget)) {
      const text = readFileSync(file, 'utf8');
      scanned += Buffer.byteLength(text);
      for (const d of detectSecrets(text)) {
        byRule.set(d.type, (byRule.get(d.type) ?? 0) + 1);
        if (examples.length < 12) examples.push(`${d.type} in ${file.slice(root.length + 1)}`);
      }
    }
    const scanSeconds = (Date.now() - started) / 1000;
    const findings = [...byRule.values()].reduce((a, b) => a + b, 0);
    const mb = scanned / 1e6;

    return [
      'Prompt-sized texts: 200 generated texts of ~4 KB (prose and code with ~3% labelled samples).',
      'Throughput is CPU time on one core; the machine has 2 shared cores, so figures are noisy.',
      '',
      markdownTable(
        ['measure', 'value'],
        [
          ['secrets only, MB/s', fmt(secretsMBs, 1)],
          ['secrets + PII, MB/s', fmt(bothMBs, 1)],
          ['stream redact+restore, ms per 16-char chunk', fmt(streamMs / chunkCount, 4)],
          ['batch redact, ms per same chunk of text', fmt(batchMs / chunkCount, 4)],
          ['streaming overhead, ms per chunk', fmt((streamMs - batchMs) / chunkCount, 4)],
        ],
      ),
      '',
      `Secrets on the labelled set (${SECRET_RULES.length} rules, ${prefixed.size} prefixed; 10 generated tokens per format plus generic credentials and ${SECRET_HARD_NEGATIVES.length} hard negatives):`,
      '',
      markdownTable(
        ['group', 'labels', 'precision', 'recall', 'full-span coverage'],
        rows(secretScores),
      ),
      '',
      `PII on the labelled set (60 per type plus ${PII_HARD_NEGATIVES.length} hard negatives):`,
      '',
      markdownTable(
        ['type', 'labels', 'precision', 'recall', 'full-span coverage'],
        rows(piiScores),
      ),
      '',
      `Real code: ${fmt(mb, 1)} MB of .js/.ts/.json/.md/.yaml files under node_modules (third-party packages only) scanned in ${fmt(scanSeconds, 1)} s: ${findings} secret findings = **${fmt(findings / mb, 3)} per MB**.`,
      '',
      markdownTable(
        ['rule', 'findings'],
        [...byRule.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10),
      ),
      '',
      examples.length > 0 ? `First findings (for review): ${examples.join('; ')}.` : 'No findings.',
    ].join('\n');
  },
};

export default suite;
