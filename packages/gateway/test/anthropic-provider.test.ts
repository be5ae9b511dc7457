import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAnthropicProvider, type Provider, type ProviderResult } from '../src/index.js';
import type { ChatRequest } from '../src/providers/openai-types.js';
import { startMockAnthropic } from './mock-anthropic.js';

const API_KEY = 'sk-ant-test-0123456789';

async function collect(result: ProviderResult): Promise<Record<string, unknown>[]> {
  if (result.kind !== 'stream') throw new Error(`expected a stream, got ${result.status}`);
  const out: Record<string, unknown>[] = [];
  for await (const data of result.events)
    out.push(data === '[DONE]' ? { done: true } : (JSON.parse(data) as Record<string, unknown>));
  return out;
}

describe('Anthropic Messages upstream adapter', () => {
  let mock: Awaited<ReturnType<typeof startMockAnthropic>>;
  let provider: Provider;
  const signal = new AbortController().signal;
  beforeAll(async () => {
    mock = await startMockAnthropic();
    provider = createAnthropicProvider({ baseUrl: mock.baseUrl, apiKey: API_KEY, retries: 2 });
  });
  afterEach(() => {
    mock.received.length = 0;
    mock.queue.length = 0;
  });
  afterAll(async () => {
    await provider.close?.();
    await mock.close();
  });

  it('translates the request: headers, top-level system, tools, tool_use and tool_result', async () => {
    const request: ChatRequest = {
      model: 'claude-test',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'developer', content: 'Answer in English.' },
        { role: 'user', content: 'Weather in Paris?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
        { role: 'user', content: [{ type: 'text', text: 'Thanks' }] },
      ],
      tools: [
        {
          type: 'function',
          function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object' } },
        },
      ],
      tool_choice: 'required',
      stop: 'END',
      temperature: 0.2,
    };
    const result = await provider.chat(request, signal);
    expect(result).toMatchObject({ kind: 'json', status: 200 });
    const sent = mock.received[0];
    expect(sent?.path).toBe('/v1/messages');
    expect(sent?.headers['x-api-key']).toBe(API_KEY);
    expect(sent?.headers['anthropic-version']).toBe('2023-06-01');
    expect(sent?.headers.authorization).toBeUndefined();
    expect(sent?.body).toEqual({
      model: 'claude-test',
      max_tokens: 4096,
      system: 'Be brief.\n\nAnswer in English.',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
        {
          role: 'assistant',
          content: [
            { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'call_1', content: 'sunny' },
            { type: 'text', text: 'Thanks' },
          ],
        },
      ],
      tools: [{ name: 'get_weather', description: 'Weather', input_schema: { type: 'object' } }],
      tool_choice: { type: 'any' },
      temperature: 0.2,
      stop_sequences: ['END'],
    });
  });

  it('maps a JSON answer with a tool call and usage to a chat completion', async () => {
    const result = await provider.chat(
      {
        model: 'claude-test',
        max_tokens: 50,
        messages: [{ role: 'user', content: '[[tool:get_weather {"city":"Oslo"}]]' }],
      },
      signal,
    );
    expect(mock.received[0]?.body.max_tokens).toBe(50);
    expect(result).toMatchObject({
      kind: 'json',
      status: 200,
      body: {
        object: 'chat.completion',
        id: 'msg_mock1',
        choices: [
          {
            message: {
              role: 'assistant',
              content: 'Let me check.',
              tool_calls: [
                {
                  id: 'toolu_1',
                  type: 'function',
                  function: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
                },
              ],
            },
            finish_reason: 'tool_calls',
          },
        ],
        usage: { prompt_tokens: 25, completion_tokens: 7, total_tokens: 32 },
      },
    });
  });

  it('streams text deltas one chunk each, then finish, usage and [DONE]', async () => {
    const chunks = await collect(
      await provider.chat(
        {
          model: 'claude-test',
          stream: true,
          stream_options: { include_usage: true },
          messages: [{ role: 'user', content: '[[say:one two three]]' }],
        },
        signal,
      ),
    );
    expect(mock.received[0]?.body.stream).toBe(true);
    const deltas = chunks.map((c) => (c.choices as { delta: unknown }[] | undefined)?.[0]?.delta);
    expect(deltas.slice(0, 4)).toEqual([
      { role: 'assistant', content: '' },
      { content: 'one ' },
      { content: 'two ' },
      { content: 'three' },
    ]);
    expect(chunks[4]).toMatchObject({ choices: [{ delta: {}, finish_reason: 'stop' }] });
    expect(chunks[5]).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 25, completion_tokens: 9, total_tokens: 34 },
    });
    expect(chunks[6]).toEqual({ done: true });
    expect(chunks).toHaveLength(7);
  });

  it('streams a tool call as a header chunk and argument fragments', async () => {
    const chunks = await collect(
      await provider.chat(
        {
          model: 'claude-test',
          stream: true,
          messages: [{ role: 'user', content: '[[tool:lookup {"q":"bulwark docs"}]]' }],
        },
        signal,
      ),
    );
    type Delta = {
      tool_calls?: {
        index: number;
        id?: string;
        function?: { name?: string; arguments?: string };
      }[];
    };
    const calls = chunks.flatMap(
      (c) => (c.choices as { delta: Delta }[] | undefined)?.[0]?.delta.tool_calls ?? [],
    );
    expect(calls[0]).toMatchObject({ index: 0, id: 'toolu_2', function: { name: 'lookup' } });
    expect(calls.map((c) => c.function?.arguments ?? '').join('')).toBe('{"q":"bulwark docs"}');
    expect(calls.length).toBe(3);
    expect(chunks.some((c) => JSON.stringify(c).includes('"finish_reason":"tool_calls"'))).toBe(
      true,
    );
    expect(chunks.some((c) => 'usage' in c)).toBe(false);
  });

  it('turns a mid-stream error event into an error chunk and stops', async () => {
    const chunks = await collect(
      await provider.chat(
        { model: 'm', stream: true, messages: [{ role: 'user', content: 'hi [[stream-error]]' }] },
        signal,
      ),
    );
    expect(chunks.at(-1)).toEqual({
      error: { message: 'Overloaded', type: 'api_error', code: 'overloaded_error' },
    });
  });

  it('maps the Anthropic error shape and does not retry a 400', async () => {
    mock.queue.push({
      status: 400,
      body: {
        type: 'error',
        error: { type: 'invalid_request_error', message: 'max_tokens: too large' },
      },
    });
    const result = await provider.chat(
      { model: 'm', messages: [{ role: 'user', content: 'x' }] },
      signal,
    );
    expect(result).toEqual({
      kind: 'json',
      status: 400,
      body: {
        error: {
          message: 'max_tokens: too large',
          type: 'invalid_request_error',
          code: 'invalid_request_error',
        },
      },
    });
    expect(mock.received).toHaveLength(1);
  });

  it('retries 529 overloaded and 429 honouring retry-after, then succeeds', async () => {
    const overloaded = {
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
    };
    mock.queue.push(
      { status: 529, headers: { 'retry-after': '0' }, body: overloaded },
      { status: 429, headers: { 'retry-after': '0' }, body: overloaded },
    );
    const result = await provider.chat(
      { model: 'm', messages: [{ role: 'user', content: 'x' }] },
      signal,
    );
    expect(result).toMatchObject({ kind: 'json', status: 200 });
    expect(mock.received).toHaveLength(3);
  });

  it('gives up after the configured retries with the mapped error', async () => {
    const once = createAnthropicProvider({ baseUrl: mock.baseUrl, apiKey: API_KEY, retries: 0 });
    mock.queue.push({
      status: 529,
      headers: { 'retry-after': '0' },
      body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    });
    const result = await once.chat(
      { model: 'm', messages: [{ role: 'user', content: 'x' }] },
      signal,
    );
    expect(result).toMatchObject({ status: 529, body: { error: { code: 'overloaded_error' } } });
    expect(mock.received).toHaveLength(1);
    await once.close?.();
  });

  it('refuses what the Messages API cannot express, without calling upstream', async () => {
    const bad = await provider.chat(
      {
        model: 'm',
        messages: [
          {
            role: 'assistant',
            tool_calls: [{ id: 'c', type: 'function', function: { name: 't', arguments: '[1' } }],
          },
        ],
      },
      signal,
    );
    expect(bad).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringContaining('messages[0]') } },
    });
    const embeddings = await provider.embeddings({ model: 'm', input: 'x' }, signal);
    expect(embeddings.status).toBe(400);
    expect(mock.received).toHaveLength(0);
  });
});
