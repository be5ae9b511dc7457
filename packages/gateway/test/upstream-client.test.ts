import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MockAgent } from 'undici';
import { describe, expect, it } from 'vitest';
import { createAnthropicProvider, createAzureOpenAiProvider } from '../src/index.js';
import { retryDelayMs } from '../src/providers/upstream-client.js';

describe('provider transport (upstream-client)', () => {
  it('computes retry delays from retry-after-ms, Retry-After or backoff', () => {
    expect(retryDelayMs(0, '60', '1500')).toBe(1500);
    expect(retryDelayMs(0, '2', undefined)).toBe(2000);
    expect(retryDelayMs(0, '3600', undefined)).toBe(30_000);
    expect(retryDelayMs(2, undefined, undefined)).toBe(1000);
    expect(retryDelayMs(9, 'not a date', undefined)).toBe(8000);
  });

  it('takes an injected undici dispatcher (no server at all)', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get('https://acme.openai.azure.com')
      .intercept({
        path: '/openai/deployments/dep/chat/completions?api-version=2024-10-21',
        method: 'POST',
      })
      .reply(200, { id: 'x', object: 'chat.completion', choices: [], prompt_filter_results: [] });
    const provider = createAzureOpenAiProvider({
      endpoint: 'https://acme.openai.azure.com',
      apiVersion: '2024-10-21',
      apiKey: 'k',
      dispatcher: agent,
    });
    const result = await provider.chat(
      { model: 'dep', messages: [{ role: 'user', content: 'x' }] },
      new AbortController().signal,
    );
    expect(result).toEqual({
      kind: 'json',
      status: 200,
      body: { id: 'x', object: 'chat.completion', choices: [] },
    });
    await agent.close();
  });

  it('fails with a timeout when the upstream never answers', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as AddressInfo).port;
    const provider = createAnthropicProvider({
      baseUrl: `http://127.0.0.1:${port}`,
      apiKey: 'k',
      timeoutMs: 100,
      retries: 0,
    });
    await expect(
      provider.chat(
        { model: 'm', messages: [{ role: 'user', content: 'x' }] },
        new AbortController().signal,
      ),
    ).rejects.toMatchObject({ name: expect.stringMatching(/Timeout/) });
    await provider.close?.();
    silent.closeAllConnections();
    await new Promise<void>((r) => silent.close(() => r()));
  });
});
