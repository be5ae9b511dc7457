import type { ServerResponse } from 'node:http';
import { crc32 } from 'node:zlib';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGuard, type Guard } from '@bulwark/detect';
import { createOpenAiCompatibleProvider } from '../src/index.js';
import { markerGuard } from './guard-doubles.js';
import { post, sseChunk, startGateway, startUpstream, type TestGateway } from './harness.js';
import { contentEvents } from './upstream-replies.js';

/**
 * Content events that arrive in one network read are scanned as one text
 * (one stream-scanner push), yet leave as the events they were, and nothing
 * is held waiting for the next read. Real guard, real ports on 127.0.0.1.
 */

const WORDS = 'The quarter went well: revenue grew, costs were flat and the outlook is stable.'
  .split(' ')
  .map((w) => `${w} `);
/** A checksum-valid GitHub token (ghp_ + 30 characters + their base62 CRC32). */
const GITHUB_TOKEN = (() => {
  const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  const body = 'Zq3rT8vLx2Wm9Kp4Hs7Bn6Cd1Fg5Jk';
  let crc = crc32(body);
  let check = '';
  for (; crc > 0; crc = Math.floor(crc / 62)) check = base62[crc % 62] + check;
  return `ghp_${body}${check.padStart(6, '0')}`;
})();

describe('content events scanned per network read', () => {
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let script: (res: ServerResponse) => void = (res) => res.end();
  let gateway: TestGateway;
  const pushes: string[] = [];

  beforeAll(async () => {
    upstream = await startUpstream((_req, res) => script(res));
    const real = createGuard();
    // The real guard, with its stream scanner's pushes recorded.
    const guard: Guard = {
      ...real,
      streamOutput: (scope, options) => {
        const inner = real.streamOutput(scope, options);
        return {
          push: (chunk) => {
            pushes.push(chunk);
            return inner.push(chunk);
          },
          end: () => inner.end(),
        };
      },
    };
    gateway = await startGateway({
      guard,
      routes: [{ model: '*', provider: createOpenAiCompatibleProvider({ baseUrl: upstream.url }) }],
    });
  });
  afterAll(async () => {
    await gateway.close();
    await upstream.close();
  });

  const ask = () =>
    post(`${gateway.url}/v1/chat/completions`, gateway.key, {
      model: 'm',
      stream: true,
      messages: [{ role: 'user', content: 'How was the quarter?' }],
    });

  it('scans one read once and forwards each event as the upstream sent it', async () => {
    pushes.length = 0;
    script = (res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      // One write: the gateway reads all twenty events at once.
      res.end(`${WORDS.map((w) => sseChunk(w)).join('')}${sseChunk(null, 'stop')}data: [DONE]\n\n`);
    };
    const r = await ask();
    expect(r.status).toBe(200);
    expect(contentEvents(r.text)).toEqual(WORDS);
    for (const word of WORDS) expect(r.text).toContain(sseChunk(word));
    expect(r.text.trim().endsWith('data: [DONE]')).toBe(true);
    expect(pushes).toEqual([WORDS.join('')]);
  });

  it('masks a secret split over the events of one read; later events still arrive', async () => {
    pushes.length = 0;
    const pieces = ['Use ', GITHUB_TOKEN.slice(0, 9), GITHUB_TOKEN.slice(9, 20)];
    const after = ['and ', 'keep ', 'it ', 'safe. '];
    script = (res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write([...pieces, GITHUB_TOKEN.slice(20), ' now. '].map((p) => sseChunk(p)).join(''));
      setTimeout(() => {
        res.end(
          `${after.map((w) => sseChunk(w)).join('')}${sseChunk(null, 'stop')}data: [DONE]\n\n`,
        );
      }, 20);
    };
    const r = await ask();
    const text = contentEvents(r.text).join('');
    expect(text).not.toContain(GITHUB_TOKEN.slice(4, 14));
    expect(text).toBe(`Use [REDACTED:secret.github_token] now. ${after.join('')}`);
    expect(r.text.trim().endsWith('data: [DONE]')).toBe(true);
  });

  it('never holds an event waiting for the next read (a paced stream)', async () => {
    let firstSeen: () => void = () => undefined;
    const clientSawFirst = new Promise<void>((r) => (firstSeen = r));
    script = (res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(sseChunk('First '));
      // The second event is sent only once the client has the first one.
      void clientSawFirst.then(() => {
        res.end(`${sseChunk('second. ')}${sseChunk(null, 'stop')}data: [DONE]\n\n`);
      });
    };
    const response = await request(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${gateway.key}` },
      body: JSON.stringify({
        model: 'm',
        stream: true,
        messages: [{ role: 'user', content: 'Hi' }],
      }),
    });
    let received = '';
    for await (const chunk of response.body) {
      received += String(chunk);
      if (received.includes('First ')) firstSeen();
    }
    expect(contentEvents(received)).toEqual(['First ', 'second. ']);
  });
});

describe('log probabilities under the windowed fallback scanner (a guard without streamOutput)', () => {
  it('drops the tokens of an event whose text leaves in a frame of its own', async () => {
    const upstream = await startUpstream((_req, res) => {
      const frame = (delta: Record<string, unknown>, logprobs?: unknown) =>
        `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, ...(logprobs ? { logprobs } : {}), finish_reason: null }] })}\n\n`;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(
        frame(
          { role: 'assistant', content: 'Hello ' },
          { content: [{ token: 'Hello ', logprob: -0.1 }] },
        ),
      );
      res.end(`${sseChunk('there. ')}${sseChunk(null, 'stop')}data: [DONE]\n\n`);
    });
    const gateway = await startGateway({
      guard: markerGuard(),
      routes: [{ model: '*', provider: createOpenAiCompatibleProvider({ baseUrl: upstream.url }) }],
    });
    try {
      const r = await post(`${gateway.url}/v1/chat/completions`, gateway.key, {
        model: 'm',
        stream: true,
        messages: [{ role: 'user', content: 'Hi' }],
      });
      expect(contentEvents(r.text).join('')).toBe('Hello there. ');
      expect(r.text).not.toContain('"token"');
    } finally {
      await gateway.close();
      await upstream.close();
    }
  });
});
