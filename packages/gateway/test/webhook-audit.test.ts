import { describe, expect, it } from 'vitest';
import { verifyAuditLog, webhookAuditSink } from '../src/index.js';
import { startUpstream } from './harness.js';

describe('webhook audit sink', () => {
  it('delivers chained records in batches, retrying a failed delivery', async () => {
    const bodies: string[] = [];
    let calls = 0;
    const hook = await startUpstream(() => undefined);
    hook.server.removeAllListeners('request');
    hook.server.on('request', (req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        calls++;
        if (calls === 1) {
          res.writeHead(503);
          res.end();
          return;
        }
        bodies.push(body);
        res.writeHead(204);
        res.end();
      });
    });
    try {
      const sink = webhookAuditSink({ url: hook.url.replace(/\/v1$/, '/audit'), flushMs: 10 });
      for (let i = 0; i < 3; i++) sink.write({ type: 'request', requestId: `r${i}`, status: 200 });
      await sink.close();
      expect(calls).toBe(2);
      expect(verifyAuditLog(bodies.join(''))).toMatchObject({ ok: true, records: 3 });
    } finally {
      await hook.close();
    }
  });
});
