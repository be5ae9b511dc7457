import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startGatewayProcess } from './gateway-process.js';
import { runBulwark } from './run-bulwark.js';

describe('bulwark keys / gateway / audit', () => {
  it('creates a key, serves through --upstream with it, and verifies (then detects tampering in) the audit log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-gw-'));
    const created = runBulwark([
      'keys',
      'create',
      '--name',
      'ci',
      '--role',
      'user',
      '--data-dir',
      dir,
      '--format',
      'json',
    ]);
    expect(created.code).toBe(0);
    const { key } = JSON.parse(created.stdout) as { key: string };
    expect(key).toMatch(/^bwk_/);
    expect(readFileSync(join(dir, 'keys.json'), 'utf8')).not.toContain(key);

    const upstream = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: 'u1',
            object: 'chat.completion',
            created: 1,
            model: 'up',
            choices: [
              {
                index: 0,
                message: { role: 'assistant', content: 'from upstream' },
                finish_reason: 'stop',
              },
            ],
            usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
          }),
        );
      });
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`;
    const gateway = await startGatewayProcess(
      ['gateway', '--port', '0', '--upstream', upstreamUrl, '--data-dir', dir],
      { cwd: dir },
    );
    try {
      const url = gateway.url;
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const ok = await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'any-model', messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(ok.status).toBe(200);
      expect(
        ((await ok.json()) as { choices: { message: { content: string } }[] }).choices[0]?.message
          .content,
      ).toBe('from upstream');
      const anon = await fetch(`${url}/v1/chat/completions`, { method: 'POST', body: '{}' });
      expect(anon.status).toBe(401);
      const revoked = runBulwark([
        'keys',
        'revoke',
        JSON.parse(created.stdout).id,
        '--data-dir',
        dir,
      ]);
      expect(revoked.code).toBe(0);
      await new Promise((r) => setTimeout(r, 1100));
      const afterRevoke = await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'any-model', messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(afterRevoke.status).toBe(401);
    } finally {
      await gateway.stop();
      upstream.close();
    }
    const log = join(dir, 'audit.jsonl');
    const verified = runBulwark(['audit', 'verify', log]);
    expect(verified.stdout).toMatch(/^OK: 3 records/);
    expect(verified.code).toBe(0);
    const lines = readFileSync(log, 'utf8').trimEnd().split('\n');
    writeFileSync(log, [lines[1], lines[0]].join('\n') + '\n');
    const tampered = runBulwark(['audit', 'verify', log]);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toContain('FAILED at line 1');
  }, 60_000);

  it('rejects bad flags with a usage error', () => {
    const r = runBulwark(['gateway', '--port', 'abc']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--port must be an integer');
  });

  it.each([
    ['keys', 'list'],
    ['audit', 'verify', 'audit.jsonl'],
    ['approvals', 'list'],
    ['verify', 'model', '.'],
    ['version'],
  ])('%s %s refuses an unknown --format instead of printing text', (...args) => {
    const r = runBulwark([...args, '--format', 'xml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("argument 'xml' is invalid. Allowed choices are text, json");
    expect(r.stdout).toBe('');
  });
});
