// Child process for the gateway benchmark: runs either a bare node:http +
// undici Pool proxy or the full Bulwark gateway in front of UPSTREAM, so
// its CPU time and memory can be read from its own process (IPC messages
// `cpu`, `rss`, `exit`). Two reduced Bulwark modes measure where the CPU
// goes: `bulwark-no-guard` (no detectors, no redaction) and
// `bulwark-no-audit` (audit records and log lines discarded).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { createGuard } from '@bulwark/detect';
import { defaultPolicy } from '@bulwark/policy';
import {
  bufferedLogDestination,
  createGateway,
  createLogger,
  createMetrics,
  createOpenAiCompatibleProvider,
  createOtlpTracer,
  fileAuditSink,
  memoryApprovalStore,
  memoryCounterStore,
  memoryKeyStore,
} from '../src/index.js';

const [mode, upstream, keyId, keyHash, connectionsArg, otlpEndpoint] = process.argv.slice(2);
if (!mode || !upstream)
  throw new Error(
    'usage: proxy-server.ts bare|bulwark|bulwark-no-guard|bulwark-no-audit UPSTREAM_BASE_URL [KEY_ID KEY_HASH [CONNECTIONS [OTLP_ENDPOINT]]]',
  );
if (!['bare', 'bulwark', 'bulwark-no-guard', 'bulwark-no-audit'].includes(mode))
  throw new Error(`proxy-server.ts: unknown mode "${mode}"`);
const base = new URL(upstream);
/** Upstream connections of either proxy's undici Pool (the same for both). */
const connections = Number(connectionsArg ?? 128);

async function main(): Promise<number> {
  if (mode === 'bare') {
    const pool = new Pool(base.origin, { connections });
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        pool
          .request({
            path: `${base.pathname}/chat/completions`,
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: Buffer.concat(chunks),
          })
          .then(async (r) => {
            res.writeHead(r.statusCode, {
              'content-type': String(r.headers['content-type'] ?? 'application/json'),
            });
            for await (const chunk of r.body) res.write(chunk);
            res.end();
          })
          .catch(() => {
            res.writeHead(502);
            res.end();
          });
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return (server.address() as AddressInfo).port;
  }
  const noGuard = mode === 'bulwark-no-guard';
  const noAudit = mode === 'bulwark-no-audit';
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-bench-'));
  const tracer = otlpEndpoint ? await createOtlpTracer({ endpoint: otlpEndpoint }) : undefined;
  const gateway = createGateway({
    ...(tracer ? { tracer } : {}),
    guard: noGuard ? createGuard({ detectors: [] }) : createGuard(),
    redact: !noGuard,
    policy: defaultPolicy,
    keys: memoryKeyStore([
      {
        id: keyId ?? '',
        hash: keyHash ?? '',
        name: 'bench',
        tenant: 'bench',
        roles: ['user'],
        createdAt: new Date().toISOString(),
      },
    ]),
    routes: [
      { model: '*', provider: createOpenAiCompatibleProvider({ baseUrl: base.href, connections }) },
    ],
    counters: memoryCounterStore(),
    approvals: memoryApprovalStore(),
    audit: noAudit
      ? { write: () => undefined, close: () => Promise.resolve() }
      : fileAuditSink(join(dir, 'audit.jsonl')),
    logger: createLogger({
      level: noAudit ? 'silent' : 'info',
      destination: bufferedLogDestination('/dev/null'),
    }),
    metrics: createMetrics(),
    limits: { requestsPerMinute: 1_000_000_000, tokensPerMinute: 1_000_000_000_000 },
    auditContent: 'metadata',
  });
  const { port } = await gateway.listen(0);
  return port;
}

const port = await main();
process.send?.({ port });
process.on('message', (message: unknown) => {
  if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  if (message === 'rss') process.send?.({ rss: process.memoryUsage.rss() });
  if (message === 'exit') process.exit(0);
});
