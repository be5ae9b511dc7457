import OpenAI, { APIError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from './harness.js';

describe('gateway with the official openai client', () => {
  let gw: TestGateway;
  let client: OpenAI;
  beforeAll(async () => {
    gw = await startGateway();
    client = new OpenAI({ apiKey: gw.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
  });
  afterAll(() => gw.close());

  it('answers a chat completion', async () => {
    const completion = await client.chat.completions.create({
      model: 'bulwark-sim',
      messages: [{ role: 'user', content: 'Hello there' }],
    });
    expect(completion.choices[0]?.message.content).toContain('You said: Hello there');
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
    const record = gw.audit.events.at(-1);
    expect(record).toMatchObject({
      type: 'request',
      status: 200,
      model: 'bulwark-sim',
      tenant: 'acme',
    });
    expect(JSON.stringify(gw.audit.lines)).not.toContain(gw.key);
  });

  it('streams chunk by chunk with include_usage', async () => {
    const stream = await client.chat.completions.create({
      model: 'bulwark-sim',
      messages: [{ role: 'user', content: '[[words:30]]' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let chunks = 0;
    let usage: unknown;
    const pieces: string[] = [];
    for await (const chunk of stream) {
      chunks++;
      const piece = chunk.choices[0]?.delta.content;
      if (piece) pieces.push(piece);
      text += piece ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text.split(' ')).toHaveLength(30);
    expect(text.startsWith('word1 word2')).toBe(true);
    expect(chunks).toBeGreaterThan(20);
    // Upstream events are delayed by the stream scan, never merged.
    expect(pieces.every((p) => /^word\d+ ?$/.test(p))).toBe(true);
    expect(usage).toMatchObject({ total_tokens: expect.any(Number) });
  });

  it('omits usage when the client did not ask for it', async () => {
    const stream = await client.chat.completions.create({
      model: 'bulwark-sim',
      messages: [{ role: 'user', content: '[[words:3]]' }],
      stream: true,
    });
    for await (const chunk of stream) expect(chunk.usage ?? undefined).toBeUndefined();
  });

  it('passes an allowed tool call through, non-streamed and streamed', async () => {
    const tools = [
      {
        type: 'function' as const,
        function: {
          name: 'get_weather',
          description: 'Weather for a city',
          parameters: { type: 'object', properties: { city: { type: 'string' } } },
        },
      },
    ];
    const completion = await client.chat.completions.create({
      model: 'bulwark-sim',
      messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
      tools,
    });
    const call = completion.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' && call.function.name).toBe('get_weather');
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({
      city: 'Paris',
    });

    const stream = await client.chat.completions.create({
      model: 'bulwark-sim',
      messages: [{ role: 'user', content: 'What is the weather in Oslo?' }],
      tools,
      stream: true,
    });
    let args = '';
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      args += chunk.choices[0]?.delta.tool_calls?.[0]?.function?.arguments ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(JSON.parse(args)).toEqual({ city: 'Oslo' });
    expect(finish).toBe('tool_calls');
  });

  it('surfaces a mid-stream block as an APIError, after the clean prefix', async () => {
    const stream = await client.chat.completions.create({
      model: 'bulwark-sim',
      messages: [
        {
          role: 'user',
          content: `[[reverse:sevirra EMKCOLB neht dna ${'ereh sdrow enif '.repeat(20)}]]`,
        },
      ],
      stream: true,
    });
    let text = '';
    const consume = async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    };
    await expect(consume()).rejects.toBeInstanceOf(APIError);
    expect(text.startsWith(' fine words here')).toBe(true);
    expect(text).not.toContain('BLOCKME');
  });

  it('rejects a bad key with 401 in the OpenAI error shape', async () => {
    const bad = new OpenAI({
      apiKey: 'bwk_000000000000_' + 'A'.repeat(43),
      baseURL: `${gw.url}/v1`,
      maxRetries: 0,
    });
    await expect(
      bad.chat.completions.create({
        model: 'bulwark-sim',
        messages: [{ role: 'user', content: 'hi' }],
      }),
    ).rejects.toMatchObject({
      status: 401,
      code: 'invalid_api_key',
    });
  });

  it('lists models and creates embeddings', async () => {
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toContain('bulwark-sim');
    const embedding = await client.embeddings.create({ model: 'bulwark-sim', input: ['a', 'b'] });
    expect(embedding.data).toHaveLength(2);
    expect(embedding.data[0]?.embedding).toHaveLength(16);
  });
});
