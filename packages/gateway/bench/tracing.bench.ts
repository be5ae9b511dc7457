// Cost of OpenTelemetry tracing in the gateway: the full Bulwark path with
// tracing off vs on (OTLP/HTTP export to a local mock collector), in the
// same run, each gateway in its own process (CPU from its own cpuUsage()).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { fmt, markdownTable, type BenchSuite } from '../../../scripts/bench-kit.js';
import { generateApiKey } from '../src/index.js';
import { startProxy } from './bench-shared.js';
import { compareLoad, startUpstream } from './gateway.bench.js';

const suite: BenchSuite = {
  name: 'gateway-tracing',
  title: 'Gateway tracing: OpenTelemetry off vs on',
  async run() {
    const loadBefore = loadavg()[0] ?? 0;
    let spansBytes = 0;
    const collector = createServer((req, res) => {
      req.on('data', (c: Buffer) => (spansBytes += c.length));
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      });
    });
    await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    const upstream = await startUpstream();
    const key = generateApiKey();
    const off = await startProxy('bulwark', upstream.url, { key });
    const on = await startProxy('bulwark', upstream.url, { key, otlpEndpoint: endpoint });
    try {
      const json = await compareLoad(off, on, key.key, false);
      const sse = await compareLoad(off, on, key.key, true);
      const rows = [
        [
          'CPU per JSON request (µs)',
          fmt(json.bare.cpuUs, 0),
          fmt(json.bulwark.cpuUs, 0),
          fmt(json.cpuRatio, 2) + '×',
        ],
        [
          'CPU per 20-event SSE stream (µs)',
          fmt(sse.bare.cpuUs, 0),
          fmt(sse.bulwark.cpuUs, 0),
          fmt(sse.cpuRatio, 2) + '×',
        ],
        [
          'JSON throughput, 50 connections (req/s)',
          fmt(json.bare.rps, 0),
          fmt(json.bulwark.rps, 0),
          fmt(json.rpsRatio, 2) + '×',
        ],
        [
          'SSE throughput, 50 connections (streams/s)',
          fmt(sse.bare.rps, 0),
          fmt(sse.bulwark.rps, 0),
          fmt(sse.rpsRatio, 2) + '×',
        ],
        [
          'Errors / non-2xx during load',
          String(json.bare.errors + sse.bare.errors),
          String(json.bulwark.errors + sse.bulwark.errors),
          '',
        ],
      ];
      return [
        'The full Bulwark path (as in the gateway suite) twice, each in its own process: without a tracer, and with `createOtlpTracer` exporting every request (7 spans: request, auth, policy, limits, guard.request, upstream, guard.response) in batches over OTLP/HTTP JSON to a mock collector on 127.0.0.1. Off and on alternate in five 2-second rounds per mode; per-side medians and the median of per-round ratios. Without a tracer the gateway builds the same middleware chain, providers and output scanner as before tracing existed (nothing is wrapped), so the "off" column is the default path.',
        '',
        markdownTable(['Measure', 'Tracing off', 'Tracing on (OTLP)', 'On / off'], rows),
        '',
        `Span data received by the collector: ${fmt(spansBytes / 1024 / 1024, 1)} MiB. Load average (1 min) ${fmt(loadBefore, 1)} at the start and ${fmt(loadavg()[0] ?? 0, 1)} at the end on 2 cores: at a load well above 2 the absolute figures mostly measure waiting for a core, and only the same-run ratios mean much.`,
      ].join('\n');
    } finally {
      for (const p of [off, on]) p.child.send('exit');
      upstream.server.close();
      collector.close();
    }
  },
};

export default suite;
