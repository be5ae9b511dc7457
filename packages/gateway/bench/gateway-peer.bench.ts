// Bulwark side by side with a peer gateway (Portkey's open-source TypeScript
// gateway) in the same run, against the same local mock upstream: CPU per
// request from each process's own CPU time, throughput at 50 connections,
// added latency at concurrency 1, and what each one lets through when the
// upstream answer leaks a US SSN (JSON and streamed) or the prompt carries
// one. The bare node:http + undici proxy is the floor both are compared to.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import autocannon from 'autocannon';
import { fmt, markdownTable, type BenchSuite } from '../../../scripts/bench-kit.js';
import { generateApiKey } from '../src/index.js';
import { body, cpuPinning, median, pinProcess, startProxy, USAGE } from './bench-shared.js';
import { latencies, startUpstream } from './gateway.bench.js';
import {
  PORTKEY_INPUT_GUARDRAIL,
  PORTKEY_INSTALL,
  PORTKEY_OUTPUT_GUARDRAIL,
  portkeyHeaders,
  portkeyStartScript,
  portkeyVersion,
  startPortkey,
} from './peer-gateway.js';

/** One gateway under load: where to send, with which headers, and its CPU clock. */
interface Target {
  name: string;
  url: string;
  headers: Record<string, string>;
  cpu(): Promise<number> | number;
}

interface LoadResult {
  rps: number;
  cpuUs: number;
  errors: number;
}

async function measureLoad(target: Target, stream: boolean, seconds: number): Promise<LoadResult> {
  const before = await target.cpu();
  const result = await autocannon({
    url: `${target.url}/v1/chat/completions`,
    method: 'POST',
    connections: 50,
    duration: seconds,
    headers: target.headers,
    body: body(stream),
  });
  const after = await target.cpu();
  return {
    rps: result.requests.average,
    cpuUs: (after - before) / Math.max(1, result.requests.total),
    errors: result.errors + result.non2xx,
  };
}

/** Alternating 2-second rounds over all targets after a 3-second warm-up each; per-target medians. */
async function compareLoad(targets: Target[], stream: boolean, rounds = 5) {
  for (const target of targets) await measureLoad(target, stream, 3);
  const results = targets.map((): LoadResult[] => []);
  for (let r = 0; r < rounds; r++) {
    for (const [i, target] of targets.entries())
      (results[i] as LoadResult[]).push(await measureLoad(target, stream, 2));
  }
  return results.map((list) => ({
    cpuUs: median(list.map((x) => x.cpuUs)),
    rps: median(list.map((x) => x.rps)),
    errors: list.reduce((n, x) => n + x.errors, 0),
    rounds: list,
  }));
}

/** Median over rounds of `a[i] / b[i]` (ratios taken within one round). */
function roundRatio(a: LoadResult[], b: LoadResult[], field: 'cpuUs' | 'rps'): number {
  return median(a.map((x, i) => x[field] / ((b[i] as LoadResult)[field] || 1)));
}

/** A US SSN shape both gateways' checks look for (not a real person's number). */
const SSN = '536-22-4182';
const LEAK_ANSWER = `The customer on file is Jane Roe, SSN ${SSN}, born 1980.`;

/** An upstream whose answer leaks `SSN`; it remembers whether a prompt it received carried it. */
function startLeakUpstream(): Promise<{ server: Server; url: string; sawSsn: () => boolean }> {
  let saw = false;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.includes(SSN)) saw = true;
      const base = { id: 'l1', created: 1, model: 'bench' };
      if (!text.includes('"stream":true')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            ...base,
            object: 'chat.completion',
            choices: [
              {
                index: 0,
                message: { role: 'assistant', content: LEAK_ANSWER },
                finish_reason: 'stop',
              },
            ],
            usage: USAGE,
          }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const frame = (delta: unknown, finish: string | null) =>
        `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      for (const word of LEAK_ANSWER.split(/(?<= )/)) res.write(frame({ content: word }, null));
      res.write(frame({}, 'stop'));
      res.end('data: [DONE]\n\n');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
        sawSsn: () => {
          const value = saw;
          saw = false;
          return value;
        },
      }),
    ),
  );
}

/** Sends one request and returns the status and the whole body the client received. */
async function exchange(url: string, headers: Record<string, string>, payload: string) {
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers,
    body: payload,
  });
  return { status: response.status, text: await response.text() };
}

function chatBody(content: string, stream: boolean): string {
  return JSON.stringify({
    model: 'bench',
    messages: [{ role: 'user', content }],
    ...(stream ? { stream: true } : {}),
  });
}

const yesNo = (value: boolean): string => (value ? 'yes' : 'no');

/** Whether the SSN reached the client, and how: in the answer, in an error body, or not at all. */
function leakOutcome(reply: { status: number; text: string }): string {
  if (reply.status >= 500) return `no: the request failed (HTTP ${reply.status})`;
  if (!reply.text.includes(SSN)) return `no (HTTP ${reply.status})`;
  return reply.status >= 400
    ? `yes, in the error body (HTTP ${reply.status})`
    : `yes (HTTP ${reply.status})`;
}

/** What reaches the client (and the upstream) when an SSN is in play, per gateway. */
async function enforcement(
  bulwarkKey: string,
  startBulwark: (upstream: string) => Promise<{ url: string; stop(): void }>,
) {
  const leak = await startLeakUpstream();
  const script = portkeyStartScript() as string;
  const portkey = await startPortkey(script, undefined);
  const bulwark = await startBulwark(leak.url);
  try {
    const rows: string[][] = [];
    const pkOut = portkeyHeaders(leak.url, PORTKEY_OUTPUT_GUARDRAIL);
    const pkIn = portkeyHeaders(leak.url, PORTKEY_INPUT_GUARDRAIL);
    const bwHeaders = { 'content-type': 'application/json', authorization: `Bearer ${bulwarkKey}` };
    for (const stream of [false, true]) {
      const b = await exchange(bulwark.url, bwHeaders, chatBody('Who is on file?', stream));
      const p = await exchange(portkey.url, pkOut, chatBody('Who is on file?', stream));
      rows.push([
        `Upstream answer leaks an SSN (${stream ? 'SSE stream' : 'JSON'}): SSN reaches the client`,
        leakOutcome(b),
        leakOutcome(p),
      ]);
    }
    const prompt = chatBody(`Update the record: SSN ${SSN}.`, false);
    const b = await exchange(bulwark.url, bwHeaders, prompt);
    const bulwarkUpstream = leak.sawSsn();
    const p = await exchange(portkey.url, pkIn, prompt);
    const portkeyUpstream = leak.sawSsn();
    rows.push([
      'Prompt carries an SSN: SSN reaches the upstream',
      `${yesNo(bulwarkUpstream)} (redacted before forwarding)`,
      `${yesNo(portkeyUpstream)} (request denied, HTTP ${p.status})`,
    ]);
    // Bulwark answers with the leaking upstream's text, so only its error path is comparable when it blocks.
    const portkeyEcho = p.status >= 400 && p.text.includes(SSN);
    rows.push([
      "Blocked request: the gateway's error body repeats the SSN",
      b.status >= 400 ? yesNo(b.text.includes(SSN)) : 'not blocked (redacted instead)',
      yesNo(portkeyEcho),
    ]);
    return rows;
  } finally {
    portkey.stop();
    bulwark.stop();
    leak.server.close();
  }
}

const suite: BenchSuite = {
  name: 'gateway-peer',
  title: 'Gateway vs peer: Bulwark and Portkey side by side',
  unavailable() {
    return portkeyStartScript()
      ? undefined
      : `the peer gateway is not installed; run \`${PORTKEY_INSTALL}\` (or set BULWARK_BENCH_PORTKEY to its build/start-server.js)`;
  },
  async run() {
    const script = portkeyStartScript();
    if (!script) throw new Error(`gateway-peer: ${PORTKEY_INSTALL} first`);
    const loadBefore = loadavg()[0] ?? 0;
    const pinning = cpuPinning();
    const pinned = pinning !== undefined && pinProcess(process.pid, pinning.runner);
    const proxyCpu = pinned && pinning ? pinning.proxy : undefined;
    const upstream = await startUpstream();
    const key = generateApiKey();
    const proxyOptions = {
      key,
      runtime: 'bundle' as const,
      ...(proxyCpu !== undefined ? { cpu: proxyCpu } : {}),
    };
    const bare = await startProxy('bare', upstream.url, proxyOptions);
    const bulwark = await startProxy('bulwark', upstream.url, proxyOptions);
    const portkey = await startPortkey(script, proxyCpu);
    const bulwarkHeaders = {
      'content-type': 'application/json',
      authorization: `Bearer ${key.key}`,
    };
    const targets: Target[] = [
      { name: 'bare', url: bare.url, headers: bulwarkHeaders, cpu: bare.cpu },
      { name: 'bulwark', url: bulwark.url, headers: bulwarkHeaders, cpu: bulwark.cpu },
      {
        name: 'portkey',
        url: portkey.url,
        headers: portkeyHeaders(upstream.url),
        cpu: portkey.cpu,
      },
      {
        name: 'portkey+guardrail',
        url: portkey.url,
        headers: portkeyHeaders(upstream.url, PORTKEY_INPUT_GUARDRAIL),
        cpu: portkey.cpu,
      },
    ];
    try {
      const json = await compareLoad(targets, false);
      // A peer that cannot stream at all is reported as such, not loaded with failing requests.
      const probe = await exchange(portkey.url, portkeyHeaders(upstream.url), body(true));
      const portkeyStreams = probe.status === 200 && probe.text.includes('[DONE]');
      const sse = await compareLoad(targets.slice(0, portkeyStreams ? 3 : 2), true);
      const upstreamUrl = new URL(upstream.url);
      const direct: Target = {
        name: 'direct',
        url: upstreamUrl.origin,
        headers: bulwarkHeaders,
        cpu: () => 0,
      };
      // The direct target's path carries the upstream's /v1 prefix already.
      const lat = await latencies(
        [direct, ...targets.slice(1)].map((t) => ({
          origin: t.url,
          path: '/v1/chat/completions',
          headers: t.headers,
        })),
        1000,
      );
      const enforcementRows = await enforcement(key.key, (leakUrl) =>
        startProxy('bulwark', leakUrl, { key, runtime: 'bundle' }),
      );
      const [bj, wj, pj, gj] = json as [
        (typeof json)[number],
        (typeof json)[number],
        (typeof json)[number],
        (typeof json)[number],
      ];
      const [bs, ws, ps] = sse as [
        (typeof sse)[number],
        (typeof sse)[number],
        (typeof sse)[number] | undefined,
      ];
      const failed = `fails (HTTP ${probe.status})`;
      const added = (i: number, field: 'p50' | 'p99') =>
        fmt((lat[i]?.[field] ?? 0) - (lat[0]?.[field] ?? 0), 3);
      const rows = [
        [
          'CPU per JSON request (µs)',
          fmt(bj.cpuUs, 0),
          fmt(wj.cpuUs, 0),
          fmt(pj.cpuUs, 0),
          fmt(gj.cpuUs, 0),
          `${fmt(roundRatio(wj.rounds, pj.rounds, 'cpuUs'), 2)}× / ${fmt(roundRatio(wj.rounds, gj.rounds, 'cpuUs'), 2)}×`,
        ],
        [
          'CPU per 20-event SSE stream (µs)',
          fmt(bs.cpuUs, 0),
          fmt(ws.cpuUs, 0),
          ps ? fmt(ps.cpuUs, 0) : failed,
          '–',
          ps ? `${fmt(roundRatio(ws.rounds, ps.rounds, 'cpuUs'), 2)}×` : '–',
        ],
        [
          'JSON throughput, 50 connections (req/s)',
          fmt(bj.rps, 0),
          fmt(wj.rps, 0),
          fmt(pj.rps, 0),
          fmt(gj.rps, 0),
          `${fmt(roundRatio(wj.rounds, pj.rounds, 'rps'), 2)}× / ${fmt(roundRatio(wj.rounds, gj.rounds, 'rps'), 2)}×`,
        ],
        [
          'SSE throughput, 50 connections (streams/s)',
          fmt(bs.rps, 0),
          fmt(ws.rps, 0),
          ps ? fmt(ps.rps, 0) : failed,
          '–',
          ps ? `${fmt(roundRatio(ws.rounds, ps.rounds, 'rps'), 2)}×` : '–',
        ],
        [
          'Added latency at concurrency 1, median (ms)',
          '–',
          added(1, 'p50'),
          added(2, 'p50'),
          added(3, 'p50'),
          '',
        ],
        [
          'Added latency at concurrency 1, p99 (ms)',
          '–',
          added(1, 'p99'),
          added(2, 'p99'),
          added(3, 'p99'),
          '',
        ],
        [
          'Errors / non-2xx during load',
          String(bj.errors + bs.errors),
          String(wj.errors + ws.errors),
          String(pj.errors + (ps?.errors ?? 0)),
          String(gj.errors),
          '',
        ],
      ];
      return [
        `Portkey gateway ${portkeyVersion(script)} (installed apart from Bulwark with \`${PORTKEY_INSTALL}\`), the bare node:http + undici proxy and Bulwark all run in front of the same mock upstream on 127.0.0.1, each in its own process${proxyCpu !== undefined ? ` pinned to CPU ${proxyCpu} (the load generator and the upstream on CPU ${pinning?.runner ?? '0'})` : ' (no CPU pinning on this machine)'}. CPU per request comes from each process's own CPU time (Portkey's from /proc, 1/100 s resolution over thousands of requests). Bulwark runs its full path: API key, default policy, limits, the guard with every detector on the ~1 KB prompt, output scan, hash-chained audit, metrics, logs. Portkey routes by its \`x-portkey-provider: openai\` and \`x-portkey-custom-host\` headers; "Portkey + guardrail" adds one \`default.regexMatch\` input guardrail (deny on an SSN shape) through \`x-portkey-config\`. Targets alternate in five 2-second rounds after a 3-second warm-up each; ratios are medians of per-round ratios. 1-minute load average ${fmt(loadBefore, 1)} at the start and ${fmt(loadavg()[0] ?? 0, 1)} at the end.`,
        '',
        markdownTable(
          [
            'Measure',
            'Bare proxy',
            'Bulwark',
            'Portkey',
            'Portkey + guardrail',
            'Bulwark / Portkey (/ + guardrail)',
          ],
          rows,
        ),
        '',
        `Direct-to-upstream latency at concurrency 1: median ${fmt(lat[0]?.p50 ?? 0, 3)} ms, p99 ${fmt(lat[0]?.p99 ?? 0, 3)} ms.`,
        ...(portkeyStreams
          ? []
          : [
              '',
              `Portkey answered a streamed chat completion with HTTP ${probe.status} (\`${probe.text.slice(0, 80)}\`), so its stream rows could not be measured on this Node ${process.version}: it appends headers to the upstream \`fetch\` response, whose headers are immutable (Portkey-AI/gateway#1389, #1550).`,
            ]),
        '',
        `What gets through, with an upstream that leaks a US SSN (${SSN}). Bulwark on its default policy; Portkey with one \`default.regexMatch\` guardrail for the SSN shape as an output guardrail (answers) or an input guardrail (prompt):`,
        '',
        markdownTable(['Case', 'Bulwark', 'Portkey + guardrail'], enforcementRows),
      ].join('\n');
    } finally {
      bare.stop();
      bulwark.stop();
      portkey.stop();
      upstream.server.close();
      if (pinned) pinProcess(process.pid, `0-${availableParallelism() - 1}`);
    }
  },
};

export default suite;
