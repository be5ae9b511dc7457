// Gateway streams: what a streaming client notices. A paced mock upstream
// (20 content events 20–50 ms apart), the bare node:http + undici proxy and
// the full Bulwark path each run in their own process on 127.0.0.1; the
// runner measures, in the same run: added time to first content, 256
// concurrent paced streams vs direct, RSS with 1,000 open streams, RSS
// growth over a steady mixed soak (BULWARK_BENCH_SOAK_S, default 20 s; 600
// for the full soak) and client disconnects mid-stream.
import { loadavg } from 'node:os';
import { fmt, markdownTable, type BenchSuite } from '../../../scripts/bench-kit.js';
import { generateApiKey } from '../src/index.js';
import { PACED_EVENTS, median, startProxy, type Proxy } from './bench-shared.js';
import { targetOf, type StreamTarget } from './stream-client.js';
import {
  closedLoop,
  measureDisconnects,
  measureOpenStreams,
  measureTtfc,
  soak,
  startPacedUpstream,
  type ConcurrencyResult,
  type DisconnectResult,
  type OpenStreamsResult,
  type SoakResult,
  type TtfcResult,
} from './stream-measures.js';

type Triple<T> = [T, T, T];
type Concurrency = Awaited<ReturnType<typeof compareConcurrency>>[number];

const CONCURRENCY = 256;
const OPEN_STREAMS = 1000;
const MB = 2 ** 20;

function soakSeconds(): number {
  const raw = process.env.BULWARK_BENCH_SOAK_S;
  const value = raw === undefined ? 20 : Number(raw);
  if (!Number.isFinite(value) || value < 5)
    throw new Error(`BULWARK_BENCH_SOAK_S must be a number of seconds ≥ 5, got "${raw}"`);
  return value;
}

const loads: number[] = [];
const sampleLoad = () => loads.push(loadavg()[0] ?? 0);

/** Alternates direct / bare / Bulwark rounds of `CONCURRENCY` clients; per-round ratios. */
async function compareConcurrency(targets: StreamTarget[], key: string, rounds: number) {
  for (const target of targets) await closedLoop(target, key, CONCURRENCY, 1);
  const perRound: ConcurrencyResult[][] = [];
  for (let r = 0; r < rounds; r++) {
    const round: ConcurrencyResult[] = [];
    for (const target of targets) round.push(await closedLoop(target, key, CONCURRENCY, 5));
    perRound.push(round);
    sampleLoad();
  }
  const side = (j: number) => perRound.map((round) => round[j] as ConcurrencyResult);
  const total = (j: number, field: 'timeouts' | 'errors' | 'wrongCounts' | 'completed') =>
    side(j).reduce((n, r) => n + r[field], 0);
  return targets.map((_, j) => ({
    streamsPerSecond: median(side(j).map((r) => r.streamsPerSecond)),
    ratio: median(
      perRound.map(
        (round) => (round[j]?.streamsPerSecond ?? 0) / (round[0]?.streamsPerSecond ?? 1),
      ),
    ),
    completed: total(j, 'completed'),
    timeouts: total(j, 'timeouts'),
    errors: total(j, 'errors'),
    wrongCounts: total(j, 'wrongCounts'),
  }));
}

interface Measured {
  /** Direct, bare, Bulwark. */
  ttfc: Triple<TtfcResult>;
  concurrency: Triple<Concurrency>;
  /** Bare, Bulwark. */
  memory: [OpenStreamsResult, OpenStreamsResult];
  soak: SoakResult;
  disconnects: DisconnectResult;
}

const mb = (bytes: number) => fmt(bytes / MB, 1);

function report(m: Measured): string {
  const [direct, bare, bul] = m.ttfc;
  const events = (t: TtfcResult) => `${t.events.min}–${t.events.max}`;
  const ttfcRows = [
    [
      'Time to first content, median (ms)',
      fmt(direct.p50, 2),
      fmt(bare.p50, 2),
      fmt(bul.p50, 2),
      '',
    ],
    ['Time to first content, p99 (ms)', fmt(direct.p99, 2), fmt(bare.p99, 2), fmt(bul.p99, 2), ''],
    [
      'Added vs direct, median (ms)',
      '',
      fmt(bare.p50 - direct.p50, 2),
      fmt(bul.p50 - direct.p50, 2),
      '≤ 2',
    ],
    [
      'Added vs direct, p99 (ms)',
      '',
      fmt(bare.p99 - direct.p99, 2),
      fmt(bul.p99 - direct.p99, 2),
      '',
    ],
    [
      'Content events per stream (min–max)',
      events(direct),
      events(bare),
      events(bul),
      `${PACED_EVENTS}`,
    ],
    [
      'Streams with merged or lost events',
      direct.wrongCounts,
      bare.wrongCounts,
      bul.wrongCounts,
      '0',
    ],
    ['Errors', direct.errors, bare.errors, bul.errors, '0'],
  ];
  const [cDirect, cBare, cBul] = m.concurrency;
  const concRows = [
    [
      'Completed streams/s (median of rounds)',
      fmt(cDirect.streamsPerSecond, 1),
      fmt(cBare.streamsPerSecond, 1),
      fmt(cBul.streamsPerSecond, 1),
      '',
    ],
    [
      'Ratio to direct (median of per-round ratios)',
      '1.00×',
      `${fmt(cBare.ratio, 2)}×`,
      `${fmt(cBul.ratio, 2)}×`,
      '≥ 0.95×',
    ],
    ['Streams completed (all rounds)', cDirect.completed, cBare.completed, cBul.completed, ''],
    ['Timeouts (10 s)', cDirect.timeouts, cBare.timeouts, cBul.timeouts, '0'],
    ['Errors / non-200', cDirect.errors, cBare.errors, cBul.errors, '0'],
    [
      'Streams with merged or lost events',
      cDirect.wrongCounts,
      cBare.wrongCounts,
      cBul.wrongCounts,
      '0',
    ],
  ];
  const [mBare, mBul] = m.memory;
  const perStream = (r: OpenStreamsResult) => fmt((r.openRss - r.idleRss) / 1024 / OPEN_STREAMS, 1);
  const memRows = [
    ['RSS idle, after warm-up (MB)', mb(mBare.idleRss), mb(mBul.idleRss), ''],
    [`RSS with ${OPEN_STREAMS} open streams (MB)`, mb(mBare.openRss), mb(mBul.openRss), '≤ 200'],
    ['Added per open stream (KB)', perStream(mBare), perStream(mBul), ''],
    ['Streams open (first event received)', mBare.opened, mBul.opened, `${OPEN_STREAMS}`],
    ['Errors', mBare.errors, mBul.errors, '0'],
  ];
  const s = m.soak;
  const growth = ((s.rssEnd - s.rssStart) / s.rssStart) * 100;
  const soakRows = [
    ['Duration after 10 s warm-up (s)', s.seconds, ''],
    ['JSON requests / SSE streams served (incl. warm-up)', `${s.jsonRequests} / ${s.streams}`, ''],
    ['Errors / non-2xx', s.errors, '0'],
    ['RSS at start / end / max (MB)', `${mb(s.rssStart)} / ${mb(s.rssEnd)} / ${mb(s.rssMax)}`, ''],
    ['RSS growth start → end', `${fmt(growth, 1)} %`, '< 10 %'],
  ];
  const d = m.disconnects;
  const disconnectRows = [
    ['Clients disconnecting after 3 of 20 events', d.clients, ''],
    ['Upstream calls closed early (cancelled)', d.cancelledUpstream, `${d.clients}`],
    ['Upstream calls that ran to the end anyway', d.completedUpstream, '0'],
    ['Gateway process alive afterwards', d.alive ? 'yes' : 'no', 'yes'],
    ['Next stream complete (20 events)', d.followUpOk ? 'yes' : 'no', 'yes'],
  ];
  const load = `${fmt(Math.min(...loads), 2)}–${fmt(Math.max(...loads), 2)}`;
  return [
    `Paced mock upstream, bare node:http + undici proxy and the full Bulwark path (same set-up as the \`gateway\` suite: API key auth, default policy, limits, \`createGuard()\`, stream output scan, hash-chained audit, metrics) each in its own process on 127.0.0.1 (the proxies as one esbuild bundle run by plain node, as deployed, so RSS is the gateway's own and not a TypeScript loader's); clients (undici) in the runner process. A paced stream is ${PACED_EVENTS} content events 20–50 ms apart (the first 25 ms after the headers). Both proxies use an undici Pool of ${OPEN_STREAMS + 100} upstream connections. The machine has 2 cores shared with other work; 1-minute load average during this run: ${load}.`,
    '',
    '**Time to first content** (150 paced streams per side, started 40 ms apart round-robin over direct / bare / Bulwark; the p99 difference is of the two p99s):',
    '',
    markdownTable(['Measure', 'Direct', 'Bare proxy', 'Bulwark', 'Target'], ttfcRows),
    '',
    `**${CONCURRENCY} concurrent paced streams** (closed loop: ${CONCURRENCY} clients each opening the next stream when one ends; two 5-second rounds per side after a 1-second warm-up, sides alternating):`,
    '',
    markdownTable(['Measure', 'Direct', 'Bare proxy', 'Bulwark', 'Target'], concRows),
    '',
    `**Memory with ${OPEN_STREAMS} open streams** (fresh proxy process each; 100 paced streams of warm-up; then ${OPEN_STREAMS} streams whose upstream sends one event a second, RSS read once all have their first event):`,
    '',
    markdownTable(['Measure', 'Bare proxy', 'Bulwark', 'Target'], memRows),
    '',
    `**Soak** (fresh Bulwark process; steady 200 JSON req/s + 50 SSE streams/s from autocannon, 10 connections each; RSS after a 10-second warm-up and just before the load stops; \`BULWARK_BENCH_SOAK_S=${s.seconds}\`):`,
    '',
    markdownTable(['Measure', 'Bulwark', 'Target'], soakRows),
    '',
    '**Client disconnects mid-stream** (the mock upstream counts the calls the gateway closed before their end):',
    '',
    markdownTable(['Measure', 'Bulwark', 'Expected'], disconnectRows),
  ].join('\n');
}

const suite: BenchSuite = {
  name: 'gateway-streams',
  title: 'Gateway streams: first content, concurrency, memory, soak, disconnects',
  async run() {
    const soakS = soakSeconds();
    const key = generateApiKey();
    const upstream = await startPacedUpstream();
    const proxies: Proxy[] = [];
    const start = async (mode: 'bare' | 'bulwark') => {
      const proxy = await startProxy(mode, upstream.url, {
        key,
        connections: OPEN_STREAMS + 100,
        runtime: 'bundle',
      });
      proxies.push(proxy);
      return proxy;
    };
    const stop = (proxy: Proxy) => {
      proxy.stop();
      proxies.splice(proxies.indexOf(proxy), 1);
    };
    try {
      sampleLoad();
      const bare = await start('bare');
      const bulwark = await start('bulwark');
      const targets = [
        targetOf(upstream.origin, '/v1/chat/completions', CONCURRENCY + 44),
        targetOf(bare.url, '/v1/chat/completions', CONCURRENCY + 44),
        targetOf(bulwark.url, '/v1/chat/completions', CONCURRENCY + 44),
      ];
      const ttfc = (await measureTtfc(targets, key.key, 150)) as Triple<TtfcResult>;
      sampleLoad();
      const concurrency = (await compareConcurrency(targets, key.key, 2)) as Triple<Concurrency>;
      const disconnects = await measureDisconnects(
        bulwark,
        targets[2] as StreamTarget,
        upstream,
        key.key,
        100,
      );
      for (const t of targets) await t.pool.close();
      stop(bare);
      stop(bulwark);
      sampleLoad();

      const memory = [];
      for (const mode of ['bare', 'bulwark'] as const) {
        const proxy = await start(mode);
        memory.push(await measureOpenStreams(proxy, upstream, key.key, OPEN_STREAMS));
        stop(proxy);
        sampleLoad();
      }
      const soaked = await start('bulwark');
      const soakResult = await soak(soaked, key.key, 10, soakS);
      stop(soaked);
      sampleLoad();
      return report({
        ttfc,
        concurrency,
        memory: memory as [OpenStreamsResult, OpenStreamsResult],
        soak: soakResult,
        disconnects,
      });
    } finally {
      for (const proxy of [...proxies]) proxy.stop();
      upstream.stop();
    }
  },
};

export default suite;
