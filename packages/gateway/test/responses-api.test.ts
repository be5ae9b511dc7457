import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from './harness.js';

describe('OpenAI Responses API /v1/responses (official client)', () => {
  let gw: TestGateway;
  let client: OpenAI;
  beforeAll(async () => {
    gw = await startGateway();
    client = new OpenAI({ apiKey: gw.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
  });
  afterAll(() => gw.close());

  it('answers text, with instructions', async () => {
    const r = await client.responses.create({
      model: 'bulwark-sim',
      instructions: 'Be brief.',
      input: 'Hello',
    });
    expect(r.output_text).toContain('You said: Hello');
    expect(r.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('streams text deltas and completes', async () => {
    const stream = await client.responses.create({
      model: 'bulwark-sim',
      input: '[[words:6]]',
      stream: true,
    });
    let text = '';
    let completed = false;
    for await (const event of stream) {
      if (event.type === 'response.output_text.delta') text += event.delta;
      if (event.type === 'response.completed') {
        const item = event.response.output[0];
        completed =
          event.response.status === 'completed' &&
          item?.type === 'message' &&
          item.content[0]?.type === 'output_text' &&
          item.content[0].text === text;
      }
    }
    expect(text).toBe('word1 word2 word3 word4 word5 word6');
    expect(completed).toBe(true);
  });

  it('returns function calls, and denies abusive ones with 403', async () => {
    const tools = [
      {
        type: 'function' as const,
        name: 'get_weather',
        description: 'Weather',
        parameters: { type: 'object', properties: {} },
        strict: false,
      },
    ];
    const r = await client.responses.create({
      model: 'bulwark-sim',
      input: 'weather in Lima',
      tools,
    });
    const call = r.output.find((o) => o.type === 'function_call');
    expect(call?.type === 'function_call' && JSON.parse(call.arguments)).toEqual({ city: 'Lima' });
    await expect(
      client.responses.create({ model: 'bulwark-sim', input: '[[tool:delete_user {"id":1}]]' }),
    ).rejects.toMatchObject({
      status: 403,
      code: 'tool_call_denied',
    });
  });

  it('scans function_call_output items as context', async () => {
    await expect(
      client.responses.create({
        model: 'bulwark-sim',
        input: [
          { role: 'user', content: 'weather in Lima' },
          {
            type: 'function_call',
            call_id: 'c1',
            name: 'get_weather',
            arguments: '{"city":"Lima"}',
          },
          { type: 'function_call_output', call_id: 'c1', output: 'sunny BLOCKME' },
        ],
      }),
    ).rejects.toMatchObject({ status: 400, code: 'content_filter' });
  });

  it('ends a stream with an error event when the output is blocked', async () => {
    const stream = await client.responses.create({
      model: 'bulwark-sim',
      input: `[[reverse:EMKCOLB ${'ereh sdrow '.repeat(12)}]]`,
      stream: true,
    });
    let text = '';
    const consume = async () => {
      for await (const event of stream)
        if (event.type === 'response.output_text.delta') text += event.delta;
    };
    await expect(consume()).rejects.toThrow();
    expect(text).not.toContain('BLOCKME');
  });
});
