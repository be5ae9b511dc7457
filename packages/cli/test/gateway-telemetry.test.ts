import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../src/config/load-config.js';
import { parseHeaders } from '../src/gateway/build-tracer.js';
import { startGatewayProcess } from './gateway-process.js';
import { runBulwark } from './run-bulwark.js';

describe('gateway telemetry config', () => {
  it('validates the otlp block with line and column', () => {
    let text = '';
    try {
      parseConfigText(
        'gateway:\n  telemetry:\n    otlp:\n      endpoint: not a url\n      sampleRatio: 2\n',
        'bulwark.yaml',
      );
    } catch (error) {
      text = (error as { describe(): string }).describe();
    }
    expect(text).toMatch(/bulwark\.yaml:4:17: gateway\.telemetry\.otlp\.endpoint/);
    expect(text).toMatch(/bulwark\.yaml:5:20: gateway\.telemetry\.otlp\.sampleRatio/);
    expect(() =>
      parseConfigText(
        'gateway:\n  telemetry: { otlp: { endpoint: http://127.0.0.1:4318/v1/traces } }\n',
        'bulwark.yaml',
      ),
    ).toThrowError(/Invalid config bulwark\.yaml:2:\d+/);
  });

  it('parses OTEL-style export headers and rejects malformed ones without echoing them', () => {
    expect(parseHeaders('Authorization=Bearer%20abc, x-team=core', 'H')).toEqual({
      authorization: 'Bearer abc',
      'x-team': 'core',
    });
    expect(() => parseHeaders('x-ok=1,secret-value-without-equals', 'H')).toThrowError(
      /entry 2 of \$H is not key=value/,
    );
    try {
      parseHeaders('x-ok=1,secret-value-without-equals', 'H');
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('secret-value');
    }
  });

  it('exports request spans from `bulwark gateway` to the configured collector', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-gw-otel-'));
    const exports: { headers: IncomingHttpHeaders; raw: string }[] = [];
    const collector = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        exports.push({ headers: req.headers, raw });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      });
    });
    await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    writeFileSync(
      join(dir, 'bulwark.yaml'),
      `gateway:\n  telemetry:\n    otlp: { endpoint: '${endpoint}', headersEnv: TEST_OTLP_HEADERS, serviceName: gw-under-test }\n`,
    );
    const created = runBulwark([
      'keys',
      'create',
      '--name',
      'ci',
      '--data-dir',
      join(dir, '.bulwark'),
      '--format',
      'json',
    ]);
    const { key } = JSON.parse(created.stdout) as { key: string };
    const gateway = await startGatewayProcess(['gateway', '--port', '0'], {
      cwd: dir,
      env: { TEST_OTLP_HEADERS: 'x-otlp-token=tok123' },
    });
    try {
      const url = gateway.url;
      const response = await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'bulwark-sim', messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(response.status).toBe(200);
    } finally {
      await gateway.stop();
      collector.close();
    }
    // Shutdown flushes the batch: the spans arrived before the process exited.
    const raw = exports.map((e) => e.raw).join('\n');
    expect(exports[0]?.headers['x-otlp-token']).toBe('tok123');
    expect(raw).toContain('gw-under-test');
    expect(raw).toContain('"name":"POST /v1/chat/completions"');
    expect(raw).toContain('"name":"guard.request"');
    expect(raw).not.toContain(key);
  }, 60_000);
});
