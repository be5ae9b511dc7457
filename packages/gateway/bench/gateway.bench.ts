// Gateway overhead: a bare node:http + undici Pool proxy vs the full Bulwark
// path (API-key auth + policy + limits + guard on a ~1 KB prompt + output /
// stream scan + hash-chained audit + metrics) against the same local mock
// upstream, in the same run. CPU per request comes from each proxy process's
// own CPU time; throughput from autocannon at 50 connections; added latency
// at concurrency 1 against calling the upstream directly.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import autocannon from 'autocannon';
import { Pool } from 'undici';
import { fmt, markdownTable, type BenchSuite } from '../../../scripts/bench-kit.js';
import { generateApiKey } from '../src/index.js';
import {
  answerWord,
  body,
  variedPrompts,
  completionJson,
  contentFrame,
  cpuPinning,
  median,
  pinProcess,
  quantile,
  startProxy,
  streamTail,
  type Proxy,
} from './bench-shared.js';

export function startUpstream(): Promise<{ server: Server; url: string }> {
  const json = completionJson();
  const frames = Array.from({ length: 20 }, (_, i) => contentFrame(answerWord(i)));
  const tail = streamTail();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const stream = Buffer.concat(chunks).includes('"stream":true');
      if (!stream) {
        res.writeHead(200, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(json),
        });
        res.end(json);
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const frame of frames) res.write(frame);
      res.end(tail);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1` }),
    ),
  );
}

/** Request bodies to cycle through; absent: the one `body()` for every request. */
type Bodies = readonly string[] | undefined;

async function load(
  url: string,
  key: string,
  stream: boolean,
  connections: number,
  seconds: number,
  bodies?: Bodies,
): Promise<{ rps: number; requests: number; errors: number }> {
  let sent = 0;
  const result = await autocannon({
    url: `${url}/v1/chat/completions`,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: body(stream),
    ...(bodies && bodies.length > 0
      ? {
          requests: [
            {
              setupRequest: (request: autocannon.Request) => ({
                ...request,
                body: bodies[sent++ % bodies.length],
              }),
            },
          ],
        }
      : {}),
  });
  return {
    rps: result.requests.average,
    requests: result.requests.total,
    errors: result.errors + result.non2xx,
  };
}

interface LoadResult {
  rps: number;
  cpuUs: number;
  errors: number;
}

async function measureLoad(
  proxy: Proxy,
  key: string,
  stream: boolean,
  seconds: number,
  bodies?: Bodies,
): Promise<LoadResult> {
  const before = await proxy.cpu();
  const r = await load(proxy.url, key, stream, 50, seconds, bodies);
  const after = await proxy.cpu();
  return { rps: r.rps, cpuUs: (after - before) / Math.max(1, r.requests), errors: r.errors };
}

/**
 * Alternates bare and Bulwark in short rounds so that load from other
 * processes on a shared machine hits both alike; reports per-side medians
 * and the median of the per-round ratios.
 */
export async function compareLoad(
  bare: Proxy,
  bulwark: Proxy,
  key: string,
  stream: boolean,
  rounds = 5,
  bodies?: Bodies,
) {
  // Warm-up at full load: the JIT and the heap settle before anything is measured.
  await load(bare.url, key, stream, 50, 3, bodies);
  await load(bulwark.url, key, stream, 50, 3, bodies);
  const pairs: [LoadResult, LoadResult][] = [];
  for (let i = 0; i < rounds; i++) {
    pairs.push([
      await measureLoad(bare, key, stream, 2, bodies),
      await measureLoad(bulwark, key, stream, 2, bodies),
    ]);
  }
  return {
    bare: {
      cpuUs: median(pairs.map((p) => p[0].cpuUs)),
      rps: median(pairs.map((p) => p[0].rps)),
      errors: pairs.reduce((n, p) => n + p[0].errors, 0),
    },
    bulwark: {
      cpuUs: median(pairs.map((p) => p[1].cpuUs)),
      rps: median(pairs.map((p) => p[1].rps)),
      errors: pairs.reduce((n, p) => n + p[1].errors, 0),
    },
    cpuRatio: median(pairs.map((p) => p[1].cpuUs / p[0].cpuUs)),
    rpsRatio: median(pairs.map((p) => p[1].rps / p[0].rps)),
  };
}

/**
 * Where Bulwark's CPU goes: the full path, the path without the guard's
 * detectors and redaction, and the path without audit records and log
 * lines, alternating with the bare proxy in 2-second JSON rounds. Each
 * round gives every path's CPU per request over the bare proxy's, and each
 * part's share (the full path minus the path without it); the result holds
 * the medians over rounds of both, so a part is measured within one round
 * rather than as the difference of two separately noisy medians.
 */
async function cpuBreakdown(
  proxies: [bare: Proxy, full: Proxy, noGuard: Proxy, noAudit: Proxy],
  key: string,
  rounds = 5,
): Promise<{
  full: number;
  noGuard: number;
  noAudit: number;
  guard: number;
  audit: number;
  /** Interquartile ranges over rounds of the two parts, as text. */
  guardSpread: string;
  auditSpread: string;
}> {
  for (const proxy of proxies) await load(proxy.url, key, false, 50, 3);
  const per: { full: number; noGuard: number; noAudit: number }[] = [];
  for (let r = 0; r < rounds; r++) {
    const cpu: number[] = [];
    for (const proxy of proxies) cpu.push((await measureLoad(proxy, key, false, 2)).cpuUs);
    const [bare = 1, full = 0, noGuard = 0, noAudit = 0] = cpu;
    per.push({ full: full / bare, noGuard: noGuard / bare, noAudit: noAudit / bare });
  }
  return {
    full: median(per.map((p) => p.full)),
    noGuard: median(per.map((p) => p.noGuard)),
    noAudit: median(per.map((p) => p.noAudit)),
    guard: median(per.map((p) => p.full - p.noGuard)),
    audit: median(per.map((p) => p.full - p.noAudit)),
    guardSpread: spread(per.map((p) => p.full - p.noGuard)),
    auditSpread: spread(per.map((p) => p.full - p.noAudit)),
  };
}

/** The interquartile range of `values` as `a–b` (two decimals). */
function spread(values: number[]): string {
  return `${fmt(quantile(values, 0.25), 2)}–${fmt(quantile(values, 0.75), 2)}`;
}

/** Where a latency probe goes: origin, path and the request headers (credential included). */
export interface LatencyTarget {
  origin: string;
  path: string;
  headers: Record<string, string>;
}

/**
 * Sequential requests (concurrency 1) round-robin over the targets, so noise
 * from other processes hits all of them alike; per-target median and p99 (ms)
 * after 200 unrecorded warm-up rounds.
 */
export async function latencies(
  targets: LatencyTarget[],
  n: number,
): Promise<{ p50: number; p99: number }[]> {
  const pools = targets.map((t) => new Pool(t.origin, { connections: 1 }));
  const times = targets.map((): number[] => []);
  const payload = body(false);
  for (let i = 0; i < n + 200; i++) {
    for (const [j, target] of targets.entries()) {
      const start = performance.now();
      const r = await (pools[j] as Pool).request({
        path: target.path,
        method: 'POST',
        headers: target.headers,
        body: payload,
      });
      await r.body.dump();
      if (i >= 200) (times[j] as number[]).push(performance.now() - start);
    }
  }
  await Promise.all(pools.map((p) => p.close()));
  return times.map((list) => {
    list.sort((a, b) => a - b);
    return { p50: list[Math.floor(n / 2)] ?? 0, p99: list[Math.floor(n * 0.99)] ?? 0 };
  });
}

const suite: BenchSuite = {
  name: 'gateway',
  title: 'Gateway overhead: bare proxy vs full Bulwark path',
  async run() {
    const loadBefore = loadavg()[0] ?? 0;
    const pinning = cpuPinning();
    const pinned = pinning !== undefined && pinProcess(process.pid, pinning.runner);
    const upstream = await startUpstream();
    const generated = generateApiKey();
    const proxyOptions = {
      key: generated,
      runtime: 'bundle' as const,
      ...(pinned && pinning ? { cpu: pinning.proxy } : {}),
    };
    const bare = await startProxy('bare', upstream.url, proxyOptions);
    const bulwark = await startProxy('bulwark', upstream.url, proxyOptions);
    try {
      const json = await compareLoad(bare, bulwark, generated.key, false);
      const sse = await compareLoad(bare, bulwark, generated.key, true);
      const varied = await compareLoad(
        bare,
        bulwark,
        generated.key,
        false,
        5,
        variedPrompts(64).map((prompt) => body(false, 'bench', prompt)),
      );
      const [bareJson, bulJson, bareSse, bulSse] = [json.bare, json.bulwark, sse.bare, sse.bulwark];
      const upstreamUrl = new URL(upstream.url);
      const headers = {
        'content-type': 'application/json',
        authorization: `Bearer ${generated.key}`,
      };
      const [direct, bareLat, bulLat] = (await latencies(
        [
          {
            origin: upstreamUrl.origin,
            path: `${upstreamUrl.pathname}/chat/completions`,
            headers,
          },
          { origin: bare.url, path: '/v1/chat/completions', headers },
          { origin: bulwark.url, path: '/v1/chat/completions', headers },
        ],
        2000,
      )) as [
        { p50: number; p99: number },
        { p50: number; p99: number },
        { p50: number; p99: number },
      ];
      const reduced = [
        await startProxy('bulwark-no-guard', upstream.url, proxyOptions),
        await startProxy('bulwark-no-audit', upstream.url, proxyOptions),
      ];
      let shares: Awaited<ReturnType<typeof cpuBreakdown>>;
      try {
        shares = await cpuBreakdown(
          [bare, bulwark, reduced[0] as Proxy, reduced[1] as Proxy],
          generated.key,
          9,
        );
      } finally {
        for (const p of reduced) p.stop();
      }
      const { full, noGuard, noAudit, guard, audit, guardSpread, auditSpread } = shares;
      const breakdown = [
        ['Bare proxy', '1.00×', '–'],
        ['Bulwark, full path', `${fmt(full, 2)}×`, '–'],
        [
          'Bulwark without the guard (no detectors, no redaction)',
          `${fmt(noGuard, 2)}×`,
          `guard: ${fmt(guard, 2)}× bare (rounds ${guardSpread})`,
        ],
        [
          'Bulwark without audit records and log lines',
          `${fmt(noAudit, 2)}×`,
          `audit and logs: ${fmt(audit, 2)}× bare (rounds ${auditSpread})`,
        ],
        [
          'Rest of the path (auth, policy, limits, JSON, upstream call, metrics)',
          '–',
          `${fmt(full - 1 - guard - audit, 2)}× bare`,
        ],
      ];
      const rows = [
        [
          'CPU per JSON request (µs)',
          fmt(bareJson.cpuUs, 0),
          fmt(bulJson.cpuUs, 0),
          fmt(json.cpuRatio, 2) + '×',
        ],
        [
          'CPU per JSON request, 64 different prompts (µs)',
          fmt(varied.bare.cpuUs, 0),
          fmt(varied.bulwark.cpuUs, 0),
          fmt(varied.cpuRatio, 2) + '×',
        ],
        [
          'CPU per 20-event SSE stream (µs)',
          fmt(bareSse.cpuUs, 0),
          fmt(bulSse.cpuUs, 0),
          fmt(sse.cpuRatio, 2) + '×',
        ],
        [
          'JSON throughput, 50 connections (req/s)',
          fmt(bareJson.rps, 0),
          fmt(bulJson.rps, 0),
          fmt(json.rpsRatio, 2) + '×',
        ],
        [
          'SSE throughput, 50 connections (streams/s)',
          fmt(bareSse.rps, 0),
          fmt(bulSse.rps, 0),
          fmt(sse.rpsRatio, 2) + '×',
        ],
        [
          'Added latency at concurrency 1, median (ms)',
          fmt(bareLat.p50 - direct.p50, 3),
          fmt(bulLat.p50 - direct.p50, 3),
          '',
        ],
        [
          'Added latency at concurrency 1, p99 (ms)',
          fmt(bareLat.p99 - direct.p99, 3),
          fmt(bulLat.p99 - direct.p99, 3),
          '',
        ],
        [
          'Errors / non-2xx during load',
          String(bareJson.errors + bareSse.errors + varied.bare.errors),
          String(bulJson.errors + bulSse.errors + varied.bulwark.errors),
          '',
        ],
      ];
      return [
        `Mock upstream, bare proxy and Bulwark all on 127.0.0.1; each proxy in its own process, run from one esbuild bundle with plain \`node\` as a deployed gateway runs (CPU from its own \`process.cpuUsage()\`), load from autocannon in the runner process. ${pinned && pinning ? `CPU pinning (taskset): the runner (autocannon and the mock upstream) on CPU ${pinning.runner}, each proxy on CPU ${pinning.proxy}, so the proxy under test never competes with the load generator for a core.` : 'No CPU pinning on this machine (no taskset or one CPU): proxies and load generator share the cores.'} Each proxy is warmed up for 3 s at 50 connections first. Bulwark path: API key auth, default policy, limits, \`createGuard()\` with the detectors registered in this build on a ~1 KB prompt, output scan (JSON: redact, then score the redacted text; SSE: the guard \`streamOutput\` scanner, with the canary check once per written batch), hash-chained JSONL audit, Prometheus metrics, pino logs. Bare and Bulwark alternate in five 2-second rounds per mode; the table shows per-side medians and the median of the per-round ratios. Every other row sends one ~1 KB prompt over and over; the "64 different prompts" row cycles through 64 different ~1 KB prompts drawn from ordinary business requests, closer to real traffic: a prompt repeated thousands of times lets the CPU learn the guard's data-dependent branches, which flatters it. The machine has 2 cores shared with other work (1-minute load average ${fmt(loadBefore, 1)} at the start of the run and ${fmt(loadavg()[0] ?? 0, 1)} at the end), so absolute numbers are noisy.`,
        '',
        markdownTable(
          ['Measure', 'Bare node:http + undici', 'Bulwark full path', 'Bulwark / bare'],
          rows,
        ),
        '',
        `Direct-to-upstream latency at concurrency 1: median ${fmt(direct.p50, 3)} ms, p99 ${fmt(direct.p99, 3)} ms.`,
        '',
        "Where the CPU goes (JSON requests): two reduced Bulwark processes alternate with the bare proxy and the full path in nine more 2-second rounds; each figure is CPU per request over the bare proxy's in the same round (median over rounds), and each part is the full path minus the path without it, taken within each round (median over rounds); the rest is the full path less the bare proxy and both parts. The range after each part is its interquartile range over the rounds: a part whose range includes zero is within the noise.",
        '',
        markdownTable(['Path', 'CPU per request / bare', 'Part of the full path'], breakdown),
      ].join('\n');
    } finally {
      for (const p of [bare, bulwark]) p.child.send('exit');
      upstream.server.close();
      if (pinned) pinProcess(process.pid, `0-${availableParallelism() - 1}`);
    }
  },
};

export default suite;
