import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from './harness.js';

describe('Anthropic-compatible /v1/messages', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw.close());

  const send = async (body: unknown, key: string = gw.key) => {
    const r = await fetch(`${gw.url}/v1/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'anthropic-version': '2023-06-01',
        ...(key ? { 'x-api-key': key } : {}),
      },
      body: JSON.stringify(body),
    });
    return { status: r.status, text: await r.text() };
  };
  const base = { model: 'bulwark-sim', max_tokens: 100 };

  it('answers in the Messages format, with x-api-key auth', async () => {
    const r = await send({
      ...base,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'Hello' }],
    });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text)).toMatchObject({
      type: 'message',
      role: 'assistant',
      content: [{ type: 'text', text: expect.stringContaining('You said: Hello') }],
      stop_reason: 'end_turn',
      usage: { input_tokens: expect.any(Number), output_tokens: expect.any(Number) },
    });
  });

  it('streams Messages events in order', async () => {
    const r = await send({
      ...base,
      stream: true,
      messages: [{ role: 'user', content: '[[words:5]]' }],
    });
    const events = [...r.text.matchAll(/^event: (\S+)$/gm)].map((m) => m[1]);
    expect(events[0]).toBe('message_start');
    expect(events).toContain('content_block_delta');
    expect(events.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
    const text = [...r.text.matchAll(/"text_delta","text":"([^"]*)"/g)].map((m) => m[1]).join('');
    expect(text).toBe('word1 word2 word3 word4 word5');
  });

  it('returns tool_use blocks and scans tool_result blocks as context', async () => {
    const tools = [
      { name: 'get_weather', description: 'Weather', input_schema: { type: 'object' } },
    ];
    const r = await send({
      ...base,
      tools,
      messages: [{ role: 'user', content: 'weather in Rome' }],
    });
    expect(JSON.parse(r.text)).toMatchObject({
      stop_reason: 'tool_use',
      content: [{ type: 'tool_use', name: 'get_weather', input: { city: 'Rome' } }],
    });
    const injected = await send({
      ...base,
      messages: [
        { role: 'user', content: 'weather in Rome' },
        {
          role: 'assistant',
          content: [{ type: 'tool_use', id: 't1', name: 'get_weather', input: { city: 'Rome' } }],
        },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: 't1', content: 'sunny BLOCKME' }],
        },
      ],
    });
    expect(injected.status).toBe(400);
    expect(JSON.parse(injected.text)).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error' },
      bulwark: { rule_id: 'guard.defaults.context' },
    });
  });

  it('uses the Anthropic error shape for 401 and for a mid-stream block', async () => {
    const r = await send({ ...base, messages: [{ role: 'user', content: 'hi' }] }, '');
    expect(r.status).toBe(401);
    expect(JSON.parse(r.text)).toMatchObject({
      type: 'error',
      error: { type: 'authentication_error' },
    });
    const s = await send({
      ...base,
      stream: true,
      messages: [{ role: 'user', content: `[[reverse:EMKCOLB ${'ereh sdrow '.repeat(12)}]]` }],
    });
    expect(s.text).toContain('event: error');
    expect(s.text).not.toContain('BLOCKME');
  });
});
