// Shared helpers for benchmark suites (`packages/*/bench/*.bench.ts`).
// Benchmarks measure; they never assert timings. Results go to
// docs/benchmarks.md through scripts/bench.ts.

/** One benchmark suite: a name to select it by and a function producing Markdown. */
export interface BenchSuite {
  /** Stable section id, e.g. `detect-prompt-attack`. */
  name: string;
  title: string;
  /**
   * Why the suite cannot run here (a peer it compares against is not
   * installed), or undefined when it can; the runner then keeps the last
   * recorded section and prints the reason.
   */
  unavailable?(): string | undefined;
  run(): Promise<string>;
}

/** Latency percentiles in milliseconds over repeated calls of `fn`. */
export interface LatencyStats {
  samples: number;
  medianMs: number;
  p99Ms: number;
  meanMs: number;
  /** Lowest and highest median of one round: how much the machine's speed moved during the run. */
  roundMedianRangeMs: [number, number];
}

/**
 * Latency of each function in `fns`, timed call by call in `rounds` rounds
 * of `samplesPerRound` calls that alternate between the functions, after
 * `warmup` calls of each. Alternating spreads slow phases of a shared
 * machine (other tenants, frequency changes) over every function alike;
 * the statistics pool all rounds, and the range of per-round medians shows
 * how far the machine's speed moved.
 */
export function measureLatencyRounds<K extends string>(
  fns: Readonly<Record<K, () => unknown>>,
  options: { rounds: number; samplesPerRound: number; warmup: number },
): Record<K, LatencyStats> {
  const names = Object.keys(fns) as K[];
  const total = options.rounds * options.samplesPerRound;
  const times = new Map(names.map((name) => [name, new Float64Array(total)]));
  const roundMedians = new Map(names.map((name) => [name, [] as number[]]));
  for (const name of names) for (let i = 0; i < options.warmup; i++) fns[name]();
  for (let round = 0; round < options.rounds; round++) {
    for (const name of names) {
      const fn = fns[name];
      const all = times.get(name) as Float64Array;
      const offset = round * options.samplesPerRound;
      for (let i = 0; i < options.samplesPerRound; i++) {
        const start = process.hrtime.bigint();
        fn();
        all[offset + i] = Number(process.hrtime.bigint() - start) / 1e6;
      }
      const own = all.slice(offset, offset + options.samplesPerRound).sort();
      roundMedians.get(name)?.push(own[own.length >> 1] ?? 0);
    }
  }
  const result = {} as Record<K, LatencyStats>;
  for (const name of names) {
    const all = (times.get(name) as Float64Array).sort();
    let sum = 0;
    for (const t of all) sum += t;
    const medians = roundMedians.get(name) ?? [];
    result[name] = {
      samples: total,
      medianMs: all[total >> 1] ?? 0,
      p99Ms: all[Math.min(total - 1, Math.floor(total * 0.99))] ?? 0,
      meanMs: sum / total,
      roundMedianRangeMs: [Math.min(...medians), Math.max(...medians)],
    };
  }
  return result;
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
