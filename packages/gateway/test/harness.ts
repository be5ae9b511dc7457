import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { Guard } from '@bulwark/detect';
import { defaultPolicy, type Policy } from '@bulwark/policy';
import {
  createGateway,
  createLogger,
  createSimulatedProvider,
  generateApiKey,
  hashApiKey,
  memoryApprovalStore,
  memoryAuditSink,
  memoryCounterStore,
  memoryKeyStore,
  type ApiKeyRecord,
  type ApprovalStore,
  type CounterStore,
  type GatewayOptions,
  type ModelRoute,
  type PrincipalLimits,
  type Tracer,
} from '../src/index.js';
import { markerGuard } from './guard-doubles.js';

export interface TestGateway {
  url: string;
  key: string;
  adminKey: string;
  audit: ReturnType<typeof memoryAuditSink>;
  addKey(record: Partial<ApiKeyRecord>): string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  guard?: Guard;
  policy?: Policy;
  routes?: ModelRoute[];
  limits?: PrincipalLimits;
  tenantLimits?: GatewayOptions['tenantLimits'];
  modelLimits?: GatewayOptions['modelLimits'];
  approval?: GatewayOptions['approval'];
  counters?: CounterStore;
  concurrency?: GatewayOptions['concurrency'];
  approvals?: ApprovalStore;
  keyLimits?: PrincipalLimits;
  keys?: ReturnType<typeof memoryKeyStore>;
  key?: string;
  jwt?: GatewayOptions['jwt'];
  tracer?: Tracer;
  /** Log lines at level info are collected here (default: no logs). */
  logLines?: string[];
}

const silent = new Writable({ write: (_c, _e, cb) => cb() });
const collect = (lines: string[]) =>
  new Writable({
    write: (chunk: Buffer, _e, cb) => {
      lines.push(
        ...String(chunk)
          .split('\n')
          .filter((l) => l !== ''),
      );
      cb();
    },
  });

/** Starts a gateway on 127.0.0.1 with an ephemeral port and one `user` key. */
export async function startGateway(options: HarnessOptions = {}): Promise<TestGateway> {
  const keys = options.keys ?? memoryKeyStore([]);
  const addKey = (record: Partial<ApiKeyRecord>): string => {
    const generated = generateApiKey();
    keys.add({
      id: generated.id,
      hash: generated.hash,
      name: 'test',
      tenant: 'acme',
      roles: ['user'],
      createdAt: new Date().toISOString(),
      ...record,
    });
    return generated.key;
  };
  const key = options.key ?? addKey(options.keyLimits ? { limits: options.keyLimits } : {});
  const adminKey = generateApiKey().key;
  const audit = memoryAuditSink();
  const gateway = createGateway({
    guard: options.guard ?? markerGuard(),
    policy: () => options.policy ?? defaultPolicy(),
    keys,
    routes: options.routes ?? [
      { model: 'bulwark-sim', provider: createSimulatedProvider() },
      { model: '*', provider: createSimulatedProvider() },
    ],
    counters: options.counters ?? memoryCounterStore(),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    approvals: options.approvals ?? memoryApprovalStore(),
    audit,
    logger: options.logLines
      ? createLogger({ level: 'info', destination: collect(options.logLines) as never })
      : createLogger({ level: 'silent', destination: silent as never }),
    adminKeyHash: hashApiKey(adminKey),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.tenantLimits ? { tenantLimits: options.tenantLimits } : {}),
    ...(options.modelLimits ? { modelLimits: options.modelLimits } : {}),
    ...(options.jwt ? { jwt: options.jwt } : {}),
    ...(options.tracer ? { tracer: options.tracer } : {}),
    ...(options.approval ? { approval: options.approval } : {}),
  });
  const { port } = await gateway.listen(0);
  return {
    url: `http://127.0.0.1:${port}`,
    key,
    adminKey,
    audit,
    addKey,
    close: () => gateway.close(1000),
  };
}

/** A local mock upstream speaking the OpenAI wire format, with a custom handler. */
export async function startUpstream(
  handler: (req: IncomingMessage, res: ServerResponse, body: unknown) => void,
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () =>
      handler(req, res, JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    server,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

export function sseChunk(content: string | null, finish: string | null = null): string {
  return `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: content === null ? {} : { content }, finish_reason: finish }] })}\n\n`;
}

export async function post(
  url: string,
  key: string | undefined,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...headers,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}
