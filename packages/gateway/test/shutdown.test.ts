import { describe, expect, it } from 'vitest';
import { createSimulatedProvider } from '../src/index.js';
import { post, startGateway } from './harness.js';

describe('graceful shutdown', () => {
  it('drains an in-flight stream before closing and refuses new connections after', async () => {
    const slow = createSimulatedProvider({ chunkDelayMs: 20 });
    const gw = await startGateway({ routes: [{ model: '*', provider: slow }] });
    const body = {
      model: 'bulwark-sim',
      stream: true,
      messages: [{ role: 'user', content: '[[words:15]]' }],
    };
    const inFlight = post(`${gw.url}/v1/chat/completions`, gw.key, body);
    await new Promise((r) => setTimeout(r, 60));
    const closing = gw.close();
    const response = await inFlight;
    await closing;
    expect(response.status).toBe(200);
    expect(response.text).toContain('word15');
    expect(response.text.trim().endsWith('data: [DONE]')).toBe(true);
    await expect(fetch(`${gw.url}/healthz`)).rejects.toThrow();
  });
});
