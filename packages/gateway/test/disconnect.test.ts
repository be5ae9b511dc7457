import { describe, expect, it } from 'vitest';
import { createOpenAiCompatibleProvider } from '../src/index.js';
import { post, sseChunk, startGateway, startUpstream } from './harness.js';

const answer = JSON.stringify({
  id: 'x',
  object: 'chat.completion',
  created: 1,
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
});

/**
 * A client that goes away must cost nothing upstream: the gateway cancels
 * the upstream call (no wasted tokens) and keeps serving. The mock upstream
 * holds the first call open and reports when the gateway closes it.
 */
describe('client disconnects', () => {
  for (const stream of [false, true]) {
    it(`cancels the upstream call and keeps serving (${stream ? 'SSE' : 'JSON'})`, async () => {
      let arrived: () => void = () => undefined;
      let cancelled: () => void = () => undefined;
      const firstArrived = new Promise<void>((r) => (arrived = r));
      const upstreamCancelled = new Promise<void>((r) => (cancelled = r));
      let calls = 0;
      const upstream = await startUpstream((_req, res) => {
        if (calls++ > 0) return void res.end(answer);
        res.on('close', () => {
          if (!res.writableFinished) cancelled();
        });
        if (stream) {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.write(sseChunk('first '));
        }
        arrived();
      });
      const gw = await startGateway({
        routes: [
          { model: '*', provider: createOpenAiCompatibleProvider({ baseUrl: upstream.url }) },
        ],
      });
      try {
        const controller = new AbortController();
        const response = fetch(`${gw.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${gw.key}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            model: 'bulwark-sim',
            messages: [{ role: 'user', content: 'hi' }],
            ...(stream ? { stream: true } : {}),
          }),
          signal: controller.signal,
        });
        await firstArrived;
        // Mid-stream: the SSE answer has begun (status and headers are out) when the client leaves.
        if (stream) expect((await response).status).toBe(200);
        controller.abort();
        await expect(response.then((r) => r.text())).rejects.toThrow();
        await upstreamCancelled;
        const next = await post(`${gw.url}/v1/chat/completions`, gw.key, {
          model: 'bulwark-sim',
          messages: [{ role: 'user', content: 'again' }],
        });
        expect(next.status).toBe(200);
        expect(JSON.parse(next.text).choices[0].message.content).toBe('ok');
        expect(calls).toBe(2);
      } finally {
        await gw.close();
        await upstream.close();
      }
    });
  }
});
