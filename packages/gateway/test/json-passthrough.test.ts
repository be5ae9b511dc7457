import { afterEach, describe, expect, it } from 'vitest';
import { createAzureOpenAiProvider, createOpenAiCompatibleProvider } from '../src/index.js';
import { redactingGuard } from './guard-doubles.js';
import { post, startGateway, startUpstream, type TestGateway } from './harness.js';

/**
 * The JSON answer is forwarded as the upstream's own text only when the
 * review changed nothing and the route speaks OpenAI; any change (redaction,
 * restore, a held tool call) or a translating route re-encodes it.
 */
const completion = (content: string, extra: Record<string, unknown> = {}) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'up-model',
  choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
  ...extra,
});
/** Pretty-printed, so a re-encoded answer (compact) is told apart from the upstream's text. */
const upstreamText = (body: unknown) => `${JSON.stringify(body, null, 2)}\n`;

let gw: TestGateway | undefined;
let closeUpstream: (() => Promise<void>) | undefined;
afterEach(async () => {
  await gw?.close();
  await closeUpstream?.();
  gw = undefined;
  closeUpstream = undefined;
});

async function gatewayAnswering(
  body: unknown,
  options: { azure?: boolean; redacting?: boolean } = {},
): Promise<TestGateway> {
  const upstream = await startUpstream((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(upstreamText(body));
  });
  closeUpstream = upstream.close;
  const provider = options.azure
    ? createAzureOpenAiProvider({
        endpoint: new URL(upstream.url).origin,
        apiVersion: '2024-10-21',
        apiKey: 'k',
      })
    : createOpenAiCompatibleProvider({ baseUrl: upstream.url });
  gw = await startGateway({
    ...(options.redacting ? { guard: redactingGuard() } : {}),
    routes: [{ model: '*', provider }],
  });
  return gw;
}

const ask = (g: TestGateway, path: string, content: string) =>
  post(`${g.url}${path}`, g.key, {
    model: 'm',
    max_tokens: 50,
    messages: [{ role: 'user', content }],
  });

describe('JSON answers', () => {
  it('forwards the upstream text unchanged when the review changed nothing', async () => {
    const body = completion('Hello there.');
    const g = await gatewayAnswering(body);
    const answer = await ask(g, '/v1/chat/completions', 'hi');
    expect(answer.status).toBe(200);
    expect(answer.text).toBe(upstreamText(body));
    expect(answer.headers.get('content-length')).toBe(String(Buffer.byteLength(answer.text)));
  });

  it('re-encodes a redacted answer: the secret never reaches the client', async () => {
    const g = await gatewayAnswering(completion('Your token is SECRET-1234.'), {
      redacting: true,
    });
    const answer = await ask(g, '/v1/chat/completions', 'hi');
    expect(answer.status).toBe(200);
    expect(answer.text).not.toContain('SECRET-1234');
    expect(JSON.parse(answer.text).choices[0].message.content).toBe(
      'Your token is [REDACTED_SECRET].',
    );
  });

  it('re-encodes an answer whose pseudonymised PII was restored', async () => {
    const g = await gatewayAnswering(completion('Mail <EMAIL_1> today.'), { redacting: true });
    const answer = await post(
      `${g.url}/v1/chat/completions`,
      g.key,
      { model: 'm', messages: [{ role: 'user', content: 'write to bob@example.com' }] },
      { 'x-bulwark-conversation': 'conv-restore' },
    );
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text).choices[0].message.content).toBe('Mail bob@example.com today.');
    expect(answer.text).not.toBe(upstreamText(completion('Mail bob@example.com today.')));
  });

  it('forwards an unchanged answer of a redacting guard as the upstream sent it', async () => {
    const body = completion('Nothing to hide.');
    const g = await gatewayAnswering(body, { redacting: true });
    expect((await ask(g, '/v1/chat/completions', 'hi')).text).toBe(upstreamText(body));
  });

  it('translates for the Anthropic and Responses routes, never forwarding OpenAI text', async () => {
    const g = await gatewayAnswering(completion('Hello there.'));
    const messages = await ask(g, '/v1/messages', 'hi');
    expect(messages.status).toBe(200);
    expect(JSON.parse(messages.text)).toMatchObject({
      type: 'message',
      content: [{ type: 'text', text: 'Hello there.' }],
    });
    const responses = await post(`${g.url}/v1/responses`, g.key, { model: 'm', input: 'hi' });
    expect(responses.status).toBe(200);
    expect(JSON.parse(responses.text)).toMatchObject({ object: 'response' });
    expect(responses.text).not.toContain('chat.completion');
  });

  it('drops Azure content-filter annotations (the upstream text is not forwarded)', async () => {
    const filter = { hate: { filtered: false, severity: 'safe' } };
    const body = completion('Hello there.', {
      prompt_filter_results: [{ prompt_index: 0, content_filter_results: filter }],
    });
    (body.choices[0] as Record<string, unknown>).content_filter_results = filter;
    const g = await gatewayAnswering(body, { azure: true });
    const answer = await ask(g, '/v1/chat/completions', 'hi');
    expect(answer.status).toBe(200);
    expect(answer.text).not.toContain('filter');
    expect(JSON.parse(answer.text).choices[0].message.content).toBe('Hello there.');
  });
});
