import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOtlpTracer, type Tracer } from '../src/index.js';
import { post, startGateway, type TestGateway } from './harness.js';

interface OtlpValue {
  stringValue?: string;
  intValue?: number | string;
  boolValue?: boolean;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: OtlpValue }[];
  status?: { code?: number };
}
interface ExportRequest {
  resourceSpans: {
    resource: { attributes: { key: string; value: OtlpValue }[] };
    scopeSpans: { spans: OtlpSpan[] }[];
  }[];
}

/** A mock OTLP/HTTP collector on 127.0.0.1 recording every trace export. */
async function startCollector() {
  const exports: { headers: IncomingHttpHeaders; raw: string }[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/v1/traces')
        exports.push({ headers: req.headers, raw });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    exports,
    spans: (): OtlpSpan[] =>
      exports.flatMap((e) =>
        (JSON.parse(e.raw) as ExportRequest).resourceSpans.flatMap((r) =>
          r.scopeSpans.flatMap((s) => s.spans),
        ),
      ),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

function attr(span: OtlpSpan | undefined, key: string): string | number | boolean | undefined {
  const value = span?.attributes.find((a) => a.key === key)?.value;
  if (!value) return undefined;
  if (value.intValue !== undefined) return Number(value.intValue);
  return value.stringValue ?? value.boolValue;
}

const PROMPT = 'PROMPT-CONTENT-7d1e please answer';

describe('OpenTelemetry traces over OTLP/HTTP', () => {
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let tracer: Tracer;
  let gw: TestGateway;
  let spans: OtlpSpan[];
  beforeAll(async () => {
    collector = await startCollector();
    tracer = await createOtlpTracer({
      endpoint: `${collector.url}/`,
      serviceName: 'bulwark-test',
      headers: { 'x-collector-token': 'collector-secret' },
      batching: 'simple',
    });
    gw = await startGateway({ tracer });
    const client = new OpenAI({ apiKey: gw.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
    await client.chat.completions.create({
      model: 'bulwark-sim',
      messages: [{ role: 'user', content: PROMPT }],
    });
    const stream = await client.chat.completions.create({
      model: 'bulwark-sim',
      messages: [{ role: 'user', content: '[[words:5]]' }],
      stream: true,
    });
    for await (const _ of stream) {
      // consume
    }
    expect(
      (
        await post(`${gw.url}/v1/chat/completions`, gw.key, {
          model: 'bulwark-sim',
          messages: [{ role: 'user', content: 'BLOCKME now' }],
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await post(`${gw.url}/v1/chat/completions`, undefined, {
          model: 'bulwark-sim',
          messages: [],
        })
      ).status,
    ).toBe(401);
    await gw.close();
    await tracer.shutdown();
    spans = collector.spans();
  });
  afterAll(() => collector.close());

  const roots = () => spans.filter((s) => !s.parentSpanId);
  const childrenOf = (root: OtlpSpan | undefined) =>
    spans.filter((s) => s.parentSpanId === root?.spanId && s.traceId === root?.traceId);

  it('exports one server span per request, with its outcome as attributes', () => {
    expect(roots()).toHaveLength(4);
    const [ok, streamed, blocked, anonymous] = roots();
    expect(ok?.name).toBe('POST /v1/chat/completions');
    expect(ok?.kind).toBe(2); // SPAN_KIND_SERVER
    expect(attr(ok, 'http.route')).toBe('/v1/chat/completions');
    expect(attr(ok, 'http.response.status_code')).toBe(200);
    expect(attr(ok, 'gen_ai.request.model')).toBe('bulwark-sim');
    expect(attr(ok, 'bulwark.tenant')).toBe('acme');
    expect(attr(ok, 'bulwark.blocked')).toBe(false);
    expect(attr(ok, 'gen_ai.usage.output_tokens')).toBeGreaterThan(0);
    expect(attr(streamed, 'http.response.status_code')).toBe(200);
    expect(attr(blocked, 'http.response.status_code')).toBe(400);
    expect(attr(blocked, 'bulwark.blocked')).toBe(true);
    expect(attr(blocked, 'bulwark.detections')).toBeGreaterThanOrEqual(1);
    expect(attr(anonymous, 'http.response.status_code')).toBe(401);
  });

  it('nests auth, policy, limits, guard and upstream spans under the request', () => {
    const [ok, streamed, blocked, anonymous] = roots();
    expect(childrenOf(ok).map((s) => s.name)).toEqual([
      'auth',
      'policy',
      'limits',
      'guard.request',
      'upstream',
      'guard.response',
    ]);
    const upstream = childrenOf(ok).find((s) => s.name === 'upstream');
    expect(upstream?.kind).toBe(3); // SPAN_KIND_CLIENT
    expect(attr(upstream, 'gen_ai.request.model')).toBe('bulwark-sim');
    expect(attr(upstream, 'http.response.status_code')).toBe(200);

    const streamChildren = childrenOf(streamed);
    expect(streamChildren.map((s) => s.name).sort()).toEqual(
      ['auth', 'guard.request', 'guard.response', 'limits', 'policy', 'upstream'].sort(),
    );
    const streamGuard = streamChildren.find((s) => s.name === 'guard.response');
    expect(attr(streamGuard, 'bulwark.stream')).toBe(true);
    expect(attr(streamGuard, 'bulwark.chunks')).toBe(5);

    const guard = childrenOf(blocked).find((s) => s.name === 'guard.request');
    expect(guard?.status?.code).toBe(2); // STATUS_CODE_ERROR
    expect(attr(guard, 'bulwark.error_code')).toBe('BLOCKED');
    expect(childrenOf(blocked).some((s) => s.name === 'upstream')).toBe(false);

    expect(childrenOf(anonymous).map((s) => s.name)).toEqual(['auth']);
    expect(childrenOf(anonymous)[0]?.status?.code).toBe(2);
  });

  it('sends the resource and collector headers, and never content or credentials', () => {
    const body = JSON.parse(collector.exports[0]?.raw ?? '{}') as ExportRequest;
    const service = body.resourceSpans[0]?.resource.attributes.find(
      (a) => a.key === 'service.name',
    );
    expect(service?.value.stringValue).toBe('bulwark-test');
    expect(collector.exports[0]?.headers['x-collector-token']).toBe('collector-secret');
    const everything = collector.exports.map((e) => e.raw).join('\n');
    expect(everything).toContain('bulwark-sim');
    expect(everything).not.toContain('PROMPT-CONTENT');
    expect(everything).not.toContain('BLOCKME');
    expect(everything).not.toContain('word1');
    expect(everything).not.toContain(gw.key);
  });

  it('loads the OpenTelemetry SDK lazily: the built bundle imports it only on demand', () => {
    const bundle = readFileSync(
      fileURLToPath(new URL('../dist/index.js', import.meta.url)),
      'utf8',
    );
    expect(bundle).not.toMatch(/^import[^;]*from\s*["']@opentelemetry\//m);
    expect(bundle).toMatch(/import\(\s*["']@opentelemetry\/sdk-trace["']\s*\)/);
  });
});
