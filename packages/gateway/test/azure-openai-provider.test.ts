import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAzureOpenAiProvider, type Provider, type ProviderResult } from '../src/index.js';
import { startMockAzure } from './mock-azure-openai.js';

const API_KEY = 'azure-key-0123456789abcdef';

async function collect(result: ProviderResult): Promise<string[]> {
  if (result.kind !== 'stream') throw new Error(`expected a stream, got ${result.status}`);
  const out: string[] = [];
  for await (const data of result.events) out.push(data);
  return out;
}

describe('Azure OpenAI upstream adapter', () => {
  let mock: Awaited<ReturnType<typeof startMockAzure>>;
  let provider: Provider;
  const signal = new AbortController().signal;
  beforeAll(async () => {
    mock = await startMockAzure();
    provider = createAzureOpenAiProvider({
      endpoint: mock.endpoint,
      apiVersion: '2024-10-21',
      apiKey: API_KEY,
    });
  });
  afterEach(() => {
    mock.received.length = 0;
    mock.queue.length = 0;
  });
  afterAll(async () => {
    await provider.close?.();
    await mock.close();
  });

  it('calls the deployment named by the upstream model, with api-key and api-version', async () => {
    const result = await provider.chat(
      { model: 'prod gpt4o', messages: [{ role: 'user', content: '[[say:hi there]]' }] },
      signal,
    );
    const sent = mock.received[0];
    expect(sent?.path).toBe(
      '/openai/deployments/prod%20gpt4o/chat/completions?api-version=2024-10-21',
    );
    expect(sent?.headers['api-key']).toBe(API_KEY);
    expect(sent?.headers.authorization).toBeUndefined();
    expect(result).toMatchObject({
      kind: 'json',
      status: 200,
      body: { choices: [{ message: { content: 'hi there' }, finish_reason: 'stop' }] },
    });
    // Content-filter annotations are dropped from the answer.
    expect(JSON.stringify(result)).not.toContain('filter');
  });

  it('uses a fixed deployment and a bearer token when configured', async () => {
    const fixed = createAzureOpenAiProvider({
      endpoint: mock.endpoint,
      apiVersion: '2025-01-01-preview',
      deployment: 'chat-prod',
      bearerToken: 'entra-token',
    });
    await fixed.chat({ model: 'ignored', messages: [{ role: 'user', content: 'x' }] }, signal);
    await fixed.embeddings({ model: 'ignored', input: 'x' }, signal);
    expect(mock.received.map((r) => r.path)).toEqual([
      '/openai/deployments/chat-prod/chat/completions?api-version=2025-01-01-preview',
      '/openai/deployments/chat-prod/embeddings?api-version=2025-01-01-preview',
    ]);
    expect(mock.received[0]?.headers.authorization).toBe('Bearer entra-token');
    expect(mock.received[0]?.headers['api-key']).toBeUndefined();
    await fixed.close?.();
  });

  it('streams without the prompt-filter event and without filter annotations', async () => {
    const events = await collect(
      await provider.chat(
        {
          model: 'dep',
          stream: true,
          stream_options: { include_usage: true },
          messages: [{ role: 'user', content: '[[say:alpha beta]]' }],
        },
        signal,
      ),
    );
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e) as Record<string, unknown>);
    expect(chunks[0]).toMatchObject({
      id: 'chatcmpl-az2',
      choices: [{ delta: { role: 'assistant' } }],
    });
    expect(events.join('')).not.toContain('filter_results');
    const text = chunks
      .map((c) => (c.choices as { delta: { content?: string } }[])[0]?.delta.content ?? '')
      .join('');
    expect(text).toBe('alpha beta');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { total_tokens: 17 } });
  });

  it('passes tool calls through and embeds through the deployment', async () => {
    const result = await provider.chat(
      {
        model: 'dep',
        messages: [{ role: 'user', content: '[[tool:get_weather {"city":"Rome"}]]' }],
      },
      signal,
    );
    expect(result).toMatchObject({
      body: {
        choices: [
          {
            message: {
              tool_calls: [{ function: { name: 'get_weather', arguments: '{"city":"Rome"}' } }],
            },
            finish_reason: 'tool_calls',
          },
        ],
      },
    });
    const embeddings = await provider.embeddings({ model: 'embed-dep', input: 'x' }, signal);
    expect(embeddings).toMatchObject({ status: 200, body: { data: [{ embedding: [0.1, 0.2] }] } });
    expect(mock.received[1]?.path).toMatch(/^\/openai\/deployments\/embed-dep\/embeddings\?/);
  });

  it('retries 429 honouring retry-after-ms, and returns Azure errors as they are', async () => {
    const throttled = {
      error: { code: '429', message: 'Requests to the deployment have exceeded the rate limit.' },
    };
    mock.queue.push({
      status: 429,
      headers: { 'retry-after-ms': '1', 'retry-after': '60' },
      body: throttled,
    });
    const ok = await provider.chat(
      { model: 'dep', messages: [{ role: 'user', content: 'x' }] },
      signal,
    );
    expect(ok.status).toBe(200);
    expect(mock.received).toHaveLength(2);

    const filtered = {
      error: {
        message:
          "The response was filtered due to the prompt triggering Azure OpenAI's content management policy.",
        type: null,
        param: 'prompt',
        code: 'content_filter',
        status: 400,
        innererror: {
          code: 'ResponsibleAIPolicyViolation',
          content_filter_result: { hate: { filtered: true, severity: 'high' } },
        },
      },
    };
    mock.queue.push({ status: 400, body: filtered });
    const rejected = await provider.chat(
      { model: 'dep', messages: [{ role: 'user', content: 'x' }] },
      signal,
    );
    expect(rejected).toMatchObject({
      kind: 'json',
      status: 400,
      body: { error: { code: 'content_filter' } },
    });
    expect(mock.received).toHaveLength(3);
  });
});
