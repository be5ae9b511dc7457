import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { fmt, markdownTable, type BenchSuite } from '../../../scripts/bench-kit.js';
import { createCodeScanner } from '../src/code/code-scanner.js';
import { analyseSource, isCodeFile } from '../src/code/analyze-source.js';
import { readTextFile } from '../src/files/read-text-file.js';
import { walkFiles } from '../src/files/walk-files.js';
import { loadSnippets } from '../test/labelled-snippets.js';

/**
 * AI code rules over a large real tree: the repository's own node_modules
 * (SDKs such as openai and typescript included). Reports source MB/s and
 * files/s on one core (CPU time), findings per MB and peak RSS. A second row
 * forces a parse of every file (pre-filter off) over a subset, the worst case.
 */
const ROOT = fileURLToPath(new URL('../../../node_modules/', import.meta.url));

function cpuSeconds(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

function denseFiles(): [string, string][] {
  const snippets = loadSnippets().filter((s) => /\.(py|ts)$/.test(s.path));
  const out: [string, string][] = [];
  for (const ext of ['py', 'ts']) {
    const bodies = snippets
      .filter((s) => s.path.endsWith(ext))
      .map((s) => s.code.replace(/^(import|from) .*$/gm, ''));
    const header =
      ext === 'py'
        ? 'import os, subprocess\nfrom openai import OpenAI\nclient = OpenAI()\n'
        : "import OpenAI from 'openai';\nimport { exec } from 'node:child_process';\nconst client = new OpenAI();\n";
    const body = bodies
      .map((code, i) =>
        ext === 'py'
          ? `def fn_${i}():\n${code
              .split('\n')
              .map((line) => `    ${line}`)
              .join('\n')}`
          : `function fn_${i}() {\n${code}\n}`,
      )
      .join('\n');
    for (let i = 0; i < 30; i++) out.push([`dense-${i}.${ext}`, header + body]);
  }
  return out;
}

const suite: BenchSuite = {
  name: 'scan-code',
  title: 'Scan: AI code rules over node_modules',
  async run() {
    const walked = walkFiles(ROOT, { defaultExcludes: false, gitignore: false });
    const files = walked.files.filter(isCodeFile);
    const scanner = createCodeScanner();
    const start = process.cpuUsage();
    const wallStart = process.hrtime.bigint();
    const result = await scanner.scan({ root: ROOT, files });
    const cpu = cpuSeconds(start);
    const wall = Number(process.hrtime.bigint() - wallStart) / 1e9;
    const mb = scanner.stats.bytes / 1e6;
    const skipped = result.notices.filter((n) => n.message.startsWith('File skipped')).length;

    // Worst case: every file parsed and analysed (no pre-filter), over the first ~15 MB.
    const subset: { path: string; text: string }[] = [];
    let subsetBytes = 0;
    for (const path of files) {
      if (subsetBytes > 15e6) break;
      const read = readTextFile(ROOT, path);
      if (!read.ok) continue;
      subset.push({ path, text: `import openai from 'openai';\n${read.text}` });
      subsetBytes += read.bytes;
    }
    const forcedStart = process.cpuUsage();
    let forcedHits = 0;
    for (const file of subset) {
      const path = file.path.endsWith('.py')
        ? file.path
        : file.path.replace(/\.(d\.ts|d\.mts|d\.cts)$/, '.ts');
      forcedHits += (await analyseSource(path, file.text)).hits.length;
    }
    const forcedCpu = cpuSeconds(forcedStart);
    // AI-dense application code: every function calls a model (the labelled
    // snippets wrapped into ~25 KB modules), i.e. the pre-filter passes every file.
    const dense = denseFiles();
    const denseBytes = dense.reduce((n, [, text]) => n + text.length, 0);
    const denseStart = process.cpuUsage();
    let denseHits = 0;
    for (const [path, text] of dense) denseHits += (await analyseSource(path, text)).hits.length;
    const denseCpu = cpuSeconds(denseStart);
    const rssMb = process.resourceUsage().maxRSS / 1024;

    return [
      markdownTable(
        [
          'mode',
          'files',
          'MB',
          'parsed files',
          'CPU s',
          'wall s',
          'MB/s (CPU)',
          'files/s (CPU)',
          'findings',
          'findings/MB',
        ],
        [
          [
            'pre-filter on (default)',
            scanner.stats.files,
            fmt(mb, 1),
            scanner.stats.parsed,
            fmt(cpu, 2),
            fmt(wall, 2),
            fmt(mb / cpu, 1),
            fmt(scanner.stats.files / cpu, 0),
            result.findings.length,
            fmt(result.findings.length / mb, 2),
          ],
          [
            'AI-dense modules (every function calls a model)',
            dense.length,
            fmt(denseBytes / 1e6, 1),
            dense.length,
            fmt(denseCpu, 2),
            '-',
            fmt(denseBytes / 1e6 / denseCpu, 1),
            fmt(dense.length / denseCpu, 0),
            denseHits,
            fmt(denseHits / (denseBytes / 1e6), 0),
          ],
          [
            'parse every file (worst case)',
            subset.length,
            fmt(subsetBytes / 1e6, 1),
            subset.length,
            fmt(forcedCpu, 2),
            '-',
            fmt(subsetBytes / 1e6 / forcedCpu, 1),
            fmt(subset.length / forcedCpu, 0),
            forcedHits,
            fmt(forcedHits / (subsetBytes / 1e6), 2),
          ],
        ],
      ),
      '',
      `Files over the size cap skipped with a notice: ${skipped}. Peak RSS of the benchmark process: ${fmt(rssMb, 0)} MB. Single process, one thread; the machine has 2 cores shared with other work (1-minute load average at the end of the run: ${fmt(loadavg()[0] ?? 0, 1)}), so figures are noisy; CPU time is inflated under contention.`,
    ].join('\n');
  },
};
export default suite;
