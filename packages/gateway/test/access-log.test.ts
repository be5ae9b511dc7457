import { afterEach, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from './harness.js';

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

describe('per-request log line', () => {
  it('logs one line per request with its id, route, status and principal, never the key', async () => {
    const lines: string[] = [];
    gw = await startGateway({ logLines: lines });
    const response = await fetch(`${gw.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${gw.key}` },
      body: JSON.stringify({ model: 'bulwark-sim', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(200);
    await response.text();
    const requestId = response.headers.get('x-request-id');
    // The line is written once the audit step's `finally` ran, just after the response left.
    for (let i = 0; i < 100 && !lines.some((l) => l.includes('"msg":"request"')); i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const access = records.filter((r) => r.msg === 'request');
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({
      requestId,
      route: '/v1/chat/completions',
      status: 200,
      principal: expect.any(String),
    });
    expect(typeof access[0]?.latencyMs).toBe('number');
    expect(lines.join('\n')).not.toContain(gw.key);
  });
});
