import { describe, expect, it } from 'vitest';
import { createSimulatedProvider } from '../src/index.js';
import { post, startGateway } from './harness.js';

describe('graceful shutdown and concurrency', () => {
  it('drains an in-flight stream before closing and refuses new connections after', async () => {
    const slow = createSimulatedProvider({ chunkDelayMs: 20 });
    const gw = await startGateway({ routes: [{ model: '*', provider: slow }] });
    const body = {
      model: 'bulwark-sim',
      stream: true,
      messages: [{ role: 'user', content: '[[words:15]]' }],
    };
    // In flight for sure: the stream's status and headers are out before the close starts.
    const response = await fetch(`${gw.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gw.key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const closing = gw.close();
    const text = await response.text();
    await closing;
    expect(response.status).toBe(200);
    expect(text).toContain('word15');
    expect(text.trim().endsWith('data: [DONE]')).toBe(true);
    await expect(fetch(`${gw.url}/healthz`)).rejects.toThrow();
  });

  it('enforces max concurrent requests per credential across routes', async () => {
    const slow = createSimulatedProvider({ chunkDelayMs: 20 });
    const gw = await startGateway({
      routes: [{ model: '*', provider: slow }],
      keyLimits: { maxConcurrent: 1 },
    });
    try {
      const first = post(`${gw.url}/v1/chat/completions`, gw.key, {
        model: 'bulwark-sim',
        stream: true,
        messages: [{ role: 'user', content: '[[words:10]]' }],
      });
      await new Promise((r) => setTimeout(r, 40));
      const second = await post(`${gw.url}/v1/responses`, gw.key, {
        model: 'bulwark-sim',
        input: 'hi',
      });
      expect(second.status).toBe(429);
      expect(JSON.parse(second.text).error.bulwark.rule_id).toBe('limits.max_concurrent');
      expect((await first).status).toBe(200);
      expect(
        (await post(`${gw.url}/v1/responses`, gw.key, { model: 'bulwark-sim', input: 'hi' }))
          .status,
      ).toBe(200);
    } finally {
      await gw.close();
    }
  });
});
