import OpenAI, { APIError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnthropicProvider, createAzureOpenAiProvider, type Provider } from '../src/index.js';
import { post, startGateway, type TestGateway } from './harness.js';
import { startMockAnthropic } from './mock-anthropic.js';
import { startMockAzure } from './mock-azure-openai.js';

/**
 * The whole gateway (auth, policy, guard, stream scan, audit) in front of a
 * native Anthropic and an Azure OpenAI upstream, driven by the official
 * `openai` client: what a user of either upstream sees.
 */
const upstreams = [
  {
    name: 'Anthropic',
    async start() {
      const mock = await startMockAnthropic();
      const provider: Provider = createAnthropicProvider({
        baseUrl: mock.baseUrl,
        apiKey: 'sk-ant-upstream-secret',
      });
      return { mock, provider, secret: 'sk-ant-upstream-secret' };
    },
  },
  {
    name: 'Azure OpenAI',
    async start() {
      const mock = await startMockAzure();
      const provider: Provider = createAzureOpenAiProvider({
        endpoint: mock.endpoint,
        apiVersion: '2024-10-21',
        apiKey: 'azure-upstream-secret',
      });
      return { mock, provider, secret: 'azure-upstream-secret' };
    },
  },
];

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

describe.each(upstreams)('gateway in front of $name with the openai client', (upstream) => {
  let gw: TestGateway;
  let client: OpenAI;
  let started: Awaited<ReturnType<(typeof upstream)['start']>>;
  beforeAll(async () => {
    started = await upstream.start();
    gw = await startGateway({
      routes: [{ model: 'smart', provider: started.provider, upstreamModel: 'upstream-model' }],
    });
    client = new OpenAI({ apiKey: gw.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
  });
  afterAll(async () => {
    await gw.close();
    await started.provider.close?.();
    await started.mock.close();
  });

  it('answers a chat completion and records usage in the audit log', async () => {
    const completion = await client.chat.completions.create({
      model: 'smart',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: '[[say:Paris is lovely]]' },
      ],
    });
    expect(completion.choices[0]?.message.content).toBe('Paris is lovely');
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
    expect(JSON.stringify(started.mock.received.at(-1)?.body)).toContain('upstream-model');
    const record = gw.audit.events.at(-1) as { status?: number; usage?: { totalTokens?: number } };
    expect(record.status).toBe(200);
    expect(record.usage?.totalTokens).toBe(completion.usage?.total_tokens);
    expect(JSON.stringify(gw.audit.lines)).not.toContain(started.secret);
  });

  it('streams chunk by chunk', async () => {
    const stream = await client.chat.completions.create({
      model: 'smart',
      messages: [{ role: 'user', content: '[[say:one two three four]]' }],
      stream: true,
    });
    const pieces: string[] = [];
    for await (const chunk of stream) {
      const piece = chunk.choices[0]?.delta.content;
      if (piece) pieces.push(piece);
    }
    expect(pieces.join('')).toBe('one two three four');
    expect(pieces.length).toBeGreaterThanOrEqual(4);
  });

  it('returns tool calls, non-streamed and streamed', async () => {
    const completion = await client.chat.completions.create({
      model: 'smart',
      messages: [{ role: 'user', content: '[[tool:get_weather {"city":"Oslo"}]]' }],
      tools,
    });
    const call = completion.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({
      city: 'Oslo',
    });
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');

    const stream = await client.chat.completions.create({
      model: 'smart',
      messages: [{ role: 'user', content: '[[tool:get_weather {"city":"Lima"}]]' }],
      tools,
      stream: true,
    });
    let args = '';
    let name = '';
    for await (const chunk of stream) {
      const part = chunk.choices[0]?.delta.tool_calls?.[0];
      args += part?.function?.arguments ?? '';
      name += part?.function?.name ?? '';
    }
    expect(name).toBe('get_weather');
    expect(JSON.parse(args)).toEqual({ city: 'Lima' });
  });

  it('still blocks unsafe output, JSON and mid-stream', async () => {
    await expect(
      client.chat.completions.create({
        model: 'smart',
        messages: [{ role: 'user', content: '[[reverse:won EMKCOLB si ereh]]' }],
      }),
    ).rejects.toMatchObject({ status: 400, code: 'content_filter' });
    expect(JSON.stringify(gw.audit.events.at(-1))).toContain('response.output');

    const stream = await client.chat.completions.create({
      model: 'smart',
      messages: [
        {
          role: 'user',
          content: `[[reverse:sevirra EMKCOLB neht dna ${' ereh sdrow enif'.repeat(12)}]]`,
        },
      ],
      stream: true,
    });
    let text = '';
    const consume = async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    };
    await expect(consume()).rejects.toBeInstanceOf(APIError);
    expect(text.startsWith('fine words here')).toBe(true);
    expect(gw.audit.events.at(-1)).toMatchObject({ status: 400 });
    expect(text).not.toContain('BLOCKME');
  });

  it('serves the Anthropic Messages and Responses routes too', async () => {
    const messages = await post(
      `${gw.url}/v1/messages`,
      undefined,
      {
        model: 'smart',
        max_tokens: 64,
        messages: [{ role: 'user', content: '[[say:via messages]]' }],
      },
      { 'x-api-key': gw.key, 'anthropic-version': '2023-06-01' },
    );
    expect(messages.status).toBe(200);
    expect(JSON.parse(messages.text)).toMatchObject({
      type: 'message',
      content: [{ type: 'text', text: 'via messages' }],
    });
    const response = await client.responses.create({
      model: 'smart',
      input: '[[say:via responses]]',
    });
    expect(response.output_text).toBe('via responses');
  });
});

describe('upstream content filtering', () => {
  it("passes Azure's content_filter refusal on as content_filter, not a generic bad request", async () => {
    const mock = await startMockAzure();
    const provider = createAzureOpenAiProvider({
      endpoint: mock.endpoint,
      apiVersion: '2024-10-21',
      apiKey: 'azure-upstream-secret',
    });
    const gw = await startGateway({ routes: [{ model: 'smart', provider }] });
    try {
      mock.queue.push({
        status: 400,
        body: {
          error: {
            code: 'content_filter',
            message:
              "The response was filtered due to the prompt triggering Azure OpenAI's content management policy.",
          },
        },
      });
      const filtered = await post(`${gw.url}/v1/chat/completions`, gw.key, {
        model: 'smart',
        messages: [{ role: 'user', content: 'hello' }],
      });
      expect(filtered.status).toBe(400);
      expect(JSON.parse(filtered.text).error.code).toBe('content_filter');
      // Any other 400 stays a generic upstream rejection.
      mock.queue.push({ status: 400, body: { error: { code: 'invalid_value', message: 'bad' } } });
      const other = await post(`${gw.url}/v1/chat/completions`, gw.key, {
        model: 'smart',
        messages: [{ role: 'user', content: 'hello' }],
      });
      expect(JSON.parse(other.text).error.code).toBe('upstream_bad_request');
    } finally {
      await gw.close();
      await provider.close?.();
      await mock.close();
    }
  });
});
