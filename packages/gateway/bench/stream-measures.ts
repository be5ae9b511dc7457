// The measurements of the gateway-streams benchmark, one function each:
// time to first content on paced streams, many concurrent paced streams,
// memory with many open streams, a steady mixed soak, client disconnects.
// Each returns plain numbers; gateway-streams.bench.ts formats them.
import { fork, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { PACED_EVENTS, body, median, quantile, type Proxy } from './bench-shared.js';
import { openStream, targetOf, type StreamOutcome, type StreamTarget } from './stream-client.js';

export interface UpstreamStats {
  started: number;
  completed: number;
  /** Streams the peer closed before the end: cancelled upstream calls. */
  cancelled: number;
  /** Slow streams still open. */
  open: number;
}

export interface PacedUpstream {
  origin: string;
  /** Base URL for proxies (`…/v1`). */
  url: string;
  stats(): Promise<UpstreamStats>;
  finishSlow(): Promise<void>;
  stop(): void;
}

/** Forks paced-upstream.ts (its own process, like the proxies). */
export async function startPacedUpstream(): Promise<PacedUpstream> {
  const child: ChildProcess = fork(
    fileURLToPath(new URL('./paced-upstream.ts', import.meta.url)),
    [],
    { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const ask = <T>(question: string, field: string): Promise<T> =>
    new Promise((resolve) => {
      const onMessage = (m: unknown) => {
        if (typeof m !== 'object' || m === null || !(field in m)) return;
        child.off('message', onMessage);
        resolve((m as Record<string, T>)[field] as T);
      };
      child.on('message', onMessage);
      child.send(question);
    });
  const port = await new Promise<number>((resolve) =>
    child.once('message', (m) => resolve((m as { port: number }).port)),
  );
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}/v1`,
    stats: () => ask<UpstreamStats>('stats', 'stats'),
    finishSlow: async () => void (await ask<boolean>('finish-slow', 'finished')),
    stop: () => {
      if (child.connected) child.send('exit');
    },
  };
}

const complete = (o: StreamOutcome) => o.ok && o.contentEvents === PACED_EVENTS;

export interface TtfcResult {
  p50: number;
  p99: number;
  samples: number;
  /** Streams whose content-event count differed from the upstream's (merged or lost events). */
  wrongCounts: number;
  errors: number;
  events: { min: number; max: number };
}

/**
 * Time to first content on paced streams, sequential starts `spacingMs`
 * apart, round-robin over the targets so that other load hits all alike.
 */
export async function measureTtfc(
  targets: StreamTarget[],
  key: string,
  samples: number,
  spacingMs = 40,
): Promise<TtfcResult[]> {
  const runs = targets.map((): Promise<StreamOutcome>[] => []);
  await Promise.all(
    targets.flatMap((target) =>
      Array.from({ length: 20 }, () => openStream(target, { model: 'paced', key })),
    ),
  );
  for (let i = 0; i < samples; i++) {
    for (const [j, target] of targets.entries()) {
      runs[j]?.push(openStream(target, { model: 'paced', key }));
      await sleep(spacingMs / targets.length);
    }
  }
  const results: TtfcResult[] = [];
  for (const list of runs) {
    const outcomes = await Promise.all(list);
    const times = outcomes.filter((o) => o.ok).map((o) => o.ttfcMs);
    const counts = outcomes.map((o) => o.contentEvents);
    results.push({
      p50: median(times),
      p99: quantile(times, 0.99),
      samples: times.length,
      wrongCounts: outcomes.filter((o) => o.ok && o.contentEvents !== PACED_EVENTS).length,
      errors: outcomes.filter((o) => !o.ok).length,
      events: { min: Math.min(...counts), max: Math.max(...counts) },
    });
  }
  return results;
}

export interface ConcurrencyResult {
  streamsPerSecond: number;
  completed: number;
  timeouts: number;
  errors: number;
  wrongCounts: number;
}

/** `concurrency` clients each opening paced streams back to back for `seconds`. */
export async function closedLoop(
  target: StreamTarget,
  key: string,
  concurrency: number,
  seconds: number,
): Promise<ConcurrencyResult> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const outcomes: StreamOutcome[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline)
        outcomes.push(await openStream(target, { model: 'paced', key, timeoutMs: 10_000 }));
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const completed = outcomes.filter(complete).length;
  return {
    streamsPerSecond: completed / elapsed,
    completed,
    timeouts: outcomes.filter((o) => o.timedOut).length,
    errors: outcomes.filter((o) => !o.ok && !o.timedOut).length,
    wrongCounts: outcomes.filter((o) => o.ok && o.contentEvents !== PACED_EVENTS).length,
  };
}

export interface OpenStreamsResult {
  idleRss: number;
  openRss: number;
  opened: number;
  errors: number;
}

/** RSS of `proxy` idle and with `n` slow streams open through it (all past their first event). */
export async function measureOpenStreams(
  proxy: Proxy,
  upstream: PacedUpstream,
  key: string,
  n: number,
): Promise<OpenStreamsResult> {
  const target = targetOf(proxy.url, '/v1/chat/completions', n + 100);
  try {
    for (let i = 0; i < 2; i++)
      await Promise.all(
        Array.from({ length: 50 }, () => openStream(target, { model: 'paced', key })),
      );
    await sleep(1000);
    const idleRss = await proxy.rss();
    let opened = 0;
    const streams: Promise<StreamOutcome>[] = [];
    for (let i = 0; i < n; i++) {
      streams.push(
        openStream(target, {
          model: 'slow',
          key,
          timeoutMs: 120_000,
          onFirstContent: () => opened++,
        }),
      );
      if (i % 100 === 99) await sleep(100);
    }
    const waitUntil = performance.now() + 30_000;
    while (opened < n && performance.now() < waitUntil) await sleep(100);
    await sleep(2000);
    let openRss = 0;
    for (let i = 0; i < 3; i++) {
      openRss = Math.max(openRss, await proxy.rss());
      await sleep(500);
    }
    await upstream.finishSlow();
    const outcomes = await Promise.all(streams);
    return { idleRss, openRss, opened, errors: outcomes.filter((o) => !o.ok).length };
  } finally {
    await target.pool.close();
  }
}

export interface SoakResult {
  seconds: number;
  jsonRequests: number;
  streams: number;
  errors: number;
  rssStart: number;
  rssEnd: number;
  rssMax: number;
}

/**
 * Steady mixed load (JSON at `jsonRate` req/s, 20-event SSE streams at
 * `sseRate` streams/s) for `warmupS + soakS`; RSS read after the warm-up
 * (start), every few seconds, and just before the load stops (end).
 */
export async function soak(
  proxy: Proxy,
  key: string,
  warmupS: number,
  soakS: number,
  rates = { json: 200, sse: 50 },
): Promise<SoakResult> {
  const run = (stream: boolean, rate: number) =>
    autocannon({
      url: `${proxy.url}/v1/chat/completions`,
      method: 'POST',
      connections: 10,
      overallRate: rate,
      duration: warmupS + soakS,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: body(stream),
    });
  const loads = Promise.all([run(false, rates.json), run(true, rates.sse)]);
  await sleep(warmupS * 1000);
  const rssStart = await proxy.rss();
  let rssMax = rssStart;
  let rssEnd = rssStart;
  const every = Math.max(5, soakS / 30) * 1000;
  const endAt = performance.now() + soakS * 1000 - 1000;
  while (performance.now() < endAt) {
    await sleep(Math.min(every, Math.max(0, endAt - performance.now())));
    rssEnd = await proxy.rss();
    rssMax = Math.max(rssMax, rssEnd);
  }
  const [json, sse] = await loads;
  return {
    seconds: soakS,
    jsonRequests: json.requests.total,
    streams: sse.requests.total,
    errors: json.errors + json.non2xx + sse.errors + sse.non2xx,
    rssStart,
    rssEnd,
    rssMax,
  };
}

export interface DisconnectResult {
  clients: number;
  cancelledUpstream: number;
  completedUpstream: number;
  alive: boolean;
  followUpOk: boolean;
}

/**
 * `n` clients disconnect after three content events of a paced stream; the
 * upstream reports how many of those calls were closed before their end.
 */
export async function measureDisconnects(
  proxy: Proxy,
  target: StreamTarget,
  upstream: PacedUpstream,
  key: string,
  n: number,
): Promise<DisconnectResult> {
  const before = await upstream.stats();
  for (let i = 0; i < n; i += 20)
    await Promise.all(
      Array.from({ length: Math.min(20, n - i) }, () =>
        openStream(target, { model: 'paced', key, abortAfterEvents: 3 }),
      ),
    );
  let after = await upstream.stats();
  const waitUntil = performance.now() + 5000;
  while (after.cancelled - before.cancelled < n && performance.now() < waitUntil) {
    await sleep(50);
    after = await upstream.stats();
  }
  const followUp = await openStream(target, { model: 'paced', key });
  return {
    clients: n,
    cancelledUpstream: after.cancelled - before.cancelled,
    completedUpstream: after.completed - before.completed,
    alive: proxy.child.exitCode === null && proxy.child.connected,
    followUpOk: complete(followUp),
  };
}
