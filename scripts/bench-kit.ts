// Shared helpers for benchmark suites (`packages/*/bench/*.bench.ts`).
// Benchmarks measure; they never assert timings. Results go to
// docs/benchmarks.md through scripts/bench.ts.

/** One benchmark suite: a name to select it by and a function producing Markdown. */
export interface BenchSuite {
  /** Stable section id, e.g. `detect-prompt-attack`. */
  name: string;
  title: string;
  run(): Promise<string>;
}

/** Latency percentiles in milliseconds over repeated calls of `fn`. */
export interface LatencyStats {
  samples: number;
  medianMs: number;
  p99Ms: number;
  meanMs: number;
}

export function measureLatency(fn: () => unknown, samples: number, warmup = 200): LatencyStats {
  for (let i = 0; i < warmup; i++) fn();
  const times = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    const start = process.hrtime.bigint();
    fn();
    times[i] = Number(process.hrtime.bigint() - start) / 1e6;
  }
  times.sort();
  let sum = 0;
  for (const t of times) sum += t;
  return {
    samples,
    medianMs: times[Math.floor(samples / 2)] ?? 0,
    p99Ms: times[Math.min(samples - 1, Math.floor(samples * 0.99))] ?? 0,
    meanMs: sum / samples,
  };
}

/** Throughput in MB/s (10^6 bytes) of `fn` over `bytes` of input, measured by CPU time. */
export function measureThroughput(fn: () => unknown, bytes: number, minSeconds = 0.5): number {
  fn();
  let iterations = 0;
  const start = process.cpuUsage();
  const wallStart = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minSeconds) {
    fn();
    iterations++;
    elapsed = Number(process.hrtime.bigint() - wallStart) / 1e9;
  }
  const cpu = process.cpuUsage(start);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6 || elapsed;
  return (bytes * iterations) / 1e6 / cpuSeconds;
}

/** Renders rows as a Markdown table. */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function fmt(value: number, digits = 3): string {
  return Number.isFinite(value) ? value.toFixed(digits) : String(value);
}

/**
 * Bundles `entry` into `outfile` with esbuild as the package ships: one ESM
 * file for plain node, workspace packages (`@bulwark/*`) from source and
 * third-party dependencies external, no loader instrumentation. Returns `outfile`.
 */
export async function bundleForBench(entry: string, outfile: string): Promise<string> {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['source'],
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);",
    },
    plugins: [
      {
        name: 'external-dependencies',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('@bulwark/') ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  });
  return outfile;
}
