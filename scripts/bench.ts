// Benchmark runner: `npm run bench [-- NAME...]`. Finds every
// packages/*/bench/*.bench.ts, runs the selected suites one after another in
// this process, and rewrites docs/benchmarks.md: the machine and command at
// the top, one section per suite. Sections of suites not run this time are
// kept as they were, so one suite can be re-measured alone.
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchSuite } from './bench-kit.js';

const root = new URL('..', import.meta.url).pathname;
const docPath = join(root, 'docs', 'benchmarks.md');
const selected = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));

async function discover(): Promise<BenchSuite[]> {
  const suites: BenchSuite[] = [];
  const packagesDir = join(root, 'packages');
  for (const pkg of readdirSync(packagesDir).sort()) {
    const dir = join(packagesDir, pkg, 'bench');
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).sort()) {
      if (!file.endsWith('.bench.ts')) continue;
      const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default: BenchSuite };
      suites.push(mod.default);
    }
  }
  return suites;
}

function readSections(): Map<string, string> {
  const sections = new Map<string, string>();
  if (!existsSync(docPath)) return sections;
  const text = readFileSync(docPath, 'utf8');
  for (const match of text.matchAll(
    /<!-- bench:([a-z0-9-]+) -->\n([\s\S]*?)<!-- \/bench:\1 -->/g,
  )) {
    sections.set(match[1] ?? '', match[2] ?? '');
  }
  return sections;
}

const suites = await discover();
const unknown = selected.filter((name) => !suites.some((suite) => suite.name === name));
if (unknown.length > 0) {
  console.error(
    `bench: unknown suite(s) ${unknown.join(', ')}; known: ${suites.map((s) => s.name).join(', ')}`,
  );
  process.exit(2);
}
const sections = readSections();
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const stamp = new Date().toISOString();
for (const suite of suites) {
  if (selected.length > 0 && !selected.includes(suite.name)) continue;
  const reason = suite.unavailable?.();
  if (reason !== undefined) {
    console.error(`bench: skipping ${suite.name}: ${reason} (its last section is kept)`);
    if (selected.includes(suite.name)) process.exitCode = 2;
    continue;
  }
  console.error(`bench: running ${suite.name}...`);
  const started = Date.now();
  const body = await suite.run();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  sections.set(
    suite.name,
    `## ${suite.title}\n\nMeasured ${stamp} with \`npm run bench -- ${suite.name}\` (${seconds} s).\n\n${body.trim()}\n\n`,
  );
}

const header = `# Benchmarks

Written by \`npm run bench\` (scripts/bench.ts); do not edit by hand. Each
section records when and how it was measured; run \`npm run bench -- NAME\` to
re-measure one section.

Machine of the latest run: ${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM,
${osType()} ${release()}, Node ${process.version}.

`;
const ordered = suites.map((suite) => suite.name).filter((name) => sections.has(name));
for (const name of sections.keys()) if (!ordered.includes(name)) ordered.push(name);
const body = ordered
  .map((name) => `<!-- bench:${name} -->\n${sections.get(name)}<!-- /bench:${name} -->`)
  .join('\n\n');
mkdirSync(join(root, 'docs'), { recursive: true });
writeFileSync(docPath, `${header}${body}\n`);
console.error(`bench: wrote ${docPath}`);
