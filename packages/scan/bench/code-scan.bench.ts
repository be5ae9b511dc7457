import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectSecrets } from '@bulwark/detect';
import { fmt, markdownTable, type BenchSuite } from '../../../scripts/bench-kit.js';
import { createCodeScanner } from '../src/code/code-scanner.js';
import { analyseSource, isCodeFile } from '../src/code/analyze-source.js';
import { readTextFile } from '../src/files/read-text-file.js';
import { walkFiles } from '../src/files/walk-files.js';
import { createSecretsScanner } from '../src/secrets/secrets-scanner.js';
import { writeAiCorpus } from './ai-corpus.js';

/**
 * AI code rules and secrets over large trees, measured in CPU time of this
 * process (`process.cpuUsage`), since the machine is shared:
 * - code rules over the repository's own node_modules (the pre-filter decides
 *   what is parsed), and over every file parsed (worst case for library code);
 * - code rules over a generated AI-heavy application tree (every file imports
 *   AI SDKs, so every file is parsed), TypeScript/JavaScript and Python apart;
 * - the secrets scanner (the guard's `detectSecrets`) over node_modules text.
 */
const ROOT = fileURLToPath(new URL('../../../node_modules/', import.meta.url));
const CORPUS_FILES = 900;

function cpuSeconds(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

interface Row {
  mode: string;
  files: number;
  bytes: number;
  parsed: number | string;
  cpu: number;
  findings: number;
}

function row(r: Row): (string | number)[] {
  const mb = r.bytes / 1e6;
  return [
    r.mode,
    r.files,
    fmt(mb, 1),
    r.parsed,
    fmt(r.cpu, 2),
    fmt(mb / r.cpu, 1),
    fmt(r.files / r.cpu, 0),
    r.findings,
    fmt(r.findings / mb, r.findings / mb >= 100 ? 0 : 2),
  ];
}

async function corpusRows(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-ai-corpus-'));
  try {
    const files = writeAiCorpus(dir, CORPUS_FILES);
    const rows: Row[] = [];
    for (const [language, label] of [
      ['typescript', 'AI-heavy app tree: TS/TSX/JS (generated)'],
      ['python', 'AI-heavy app tree: Python (generated)'],
    ] as const) {
      const paths = files.filter((f) => f.language === language).map((f) => f.path);
      // Warm-up (parser load, JIT) on one file, outside the measurement.
      const first = paths[0];
      if (first !== undefined) await analyseSource(first, readFileSync(join(dir, first), 'utf8'));
      const scanner = createCodeScanner();
      const start = process.cpuUsage();
      const result = await scanner.scan({ root: dir, files: paths });
      rows.push({
        mode: label,
        files: scanner.stats.files,
        bytes: scanner.stats.bytes,
        parsed: scanner.stats.parsed,
        cpu: cpuSeconds(start),
        findings: result.findings.length,
      });
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const HEADERS = [
  'mode',
  'files',
  'MB',
  'parsed files',
  'CPU s',
  'MB/s (CPU)',
  'files/s (CPU)',
  'findings',
  'findings/MB',
];

const suite: BenchSuite = {
  name: 'scan-code',
  title: 'Scan: AI code rules and secrets over large trees',
  async run() {
    const walked = walkFiles(ROOT, { defaultExcludes: false, gitignore: false });
    const files = walked.files.filter(isCodeFile);
    const rows: Row[] = [];

    const scanner = createCodeScanner();
    const start = process.cpuUsage();
    const result = await scanner.scan({ root: ROOT, files });
    rows.push({
      mode: 'node_modules, pre-filter on (default)',
      files: scanner.stats.files,
      bytes: scanner.stats.bytes,
      parsed: scanner.stats.parsed,
      cpu: cpuSeconds(start),
      findings: result.findings.length,
    });
    const skipped = result.notices.filter((n) => n.message.startsWith('File skipped')).length;

    rows.push(...(await corpusRows()));

    // Worst case for library code: every file parsed and analysed (no pre-filter), first ~15 MB.
    const subset: { path: string; text: string; bytes: number }[] = [];
    let subsetBytes = 0;
    for (const path of files) {
      if (subsetBytes > 15e6) break;
      const read = readTextFile(ROOT, path);
      if (!read.ok) continue;
      const analysed = path.endsWith('.py') ? path : path.replace(/\.d\.[mc]?ts$/, '.ts');
      subset.push({
        path: analysed,
        text: `import openai from 'openai';\n${read.text}`,
        bytes: read.bytes,
      });
      subsetBytes += read.bytes;
    }
    const forcedStart = process.cpuUsage();
    let forcedHits = 0;
    for (const file of subset)
      forcedHits += (await analyseSource(file.path, file.text)).hits.length;
    rows.push({
      mode: 'node_modules, every file parsed (worst case)',
      files: subset.length,
      bytes: subsetBytes,
      parsed: subset.length,
      cpu: cpuSeconds(forcedStart),
      findings: forcedHits,
    });

    // Secrets: the guard's detectors over node_modules text (code, docs, JSON), first ~40 MB.
    const textFiles: string[] = [];
    let listed = 0;
    for (const path of walked.files) {
      if (listed > 40e6) break;
      if (!/\.(js|cjs|mjs|ts|mts|cts|json|md|txt|ya?ml|py)$/.test(path)) continue;
      textFiles.push(path);
      listed += statSync(join(ROOT, path)).size;
    }
    const secrets = createSecretsScanner({ detectSecrets });
    const secretsStart = process.cpuUsage();
    const secretResult = await secrets.scan({ root: ROOT, files: textFiles });
    rows.push({
      mode: 'secrets (guard detectors), node_modules text',
      files: secrets.stats.files,
      bytes: secrets.stats.bytes,
      parsed: '-',
      cpu: cpuSeconds(secretsStart),
      findings: secretResult.findings.length,
    });
    const rssMb = process.resourceUsage().maxRSS / 1024;

    return [
      markdownTable(HEADERS, rows.map(row)),
      '',
      `The AI-heavy tree is ${CORPUS_FILES} modules generated at run time (packages/scan/bench/ai-corpus.ts: route handlers, agents, RAG chains, React components, model loaders and plain helpers; every file imports AI SDKs, so every file is parsed and analysed). Files over the size cap skipped with a notice: ${skipped}. Peak RSS of the benchmark process: ${fmt(rssMb, 0)} MB. MB/s and files/s are per CPU second of this single-threaded process (user + system), so they approximate one core; the machine has 2 cores shared with other work (1-minute load average at the end of the run: ${fmt(loadavg()[0] ?? 0, 1)}), so figures are noisy.`,
    ].join('\n');
  },
};
export default suite;
