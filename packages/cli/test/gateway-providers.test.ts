import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../src/config/load-config.js';
import { buildProviders, secretReader } from '../src/gateway/build-providers.js';
import { startGatewayProcess } from './gateway-process.js';
import { runBulwark } from './run-bulwark.js';

function describeError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as { describe(): string }).describe();
  }
  throw new Error('expected an error');
}

describe('gateway provider config', () => {
  it('accepts anthropic and azure-openai providers', () => {
    const config = parseConfigText(
      [
        'gateway:',
        '  providers:',
        '    claude: { kind: anthropic, apiKeyEnv: ANTHROPIC_API_KEY, defaultMaxTokens: 2048 }',
        '    azure:',
        '      kind: azure-openai',
        '      endpoint: https://acme.openai.azure.com',
        '      apiVersion: 2024-10-21',
        '      apiKeyFile: azure.key',
        '      retries: 3',
        '  routes:',
        '    - { model: claude-sonnet, provider: claude, upstreamModel: claude-sonnet-4-5 }',
        '    - { model: gpt-4o, provider: azure, upstreamModel: gpt4o-prod }',
        '',
      ].join('\n'),
      'bulwark.yaml',
    );
    expect(config.gateway?.providers?.claude).toMatchObject({ kind: 'anthropic' });
    expect(config.gateway?.providers?.azure).toMatchObject({ apiVersion: '2024-10-21' });
  });

  it('reports bad provider blocks with line and column', () => {
    const text = describeError(() =>
      parseConfigText(
        [
          'gateway:',
          '  providers:',
          '    azure:',
          '      kind: azure-openai',
          '      endpoint: https://acme.openai.azure.com',
          '      apiVersion: latest',
          '    claude:',
          '      kind: anthropic',
          '      headers: { X-Api-Key: sk-ant-inline }',
          '      baseUrl: https://api.anthropic.com/v1',
          '    both:',
          '      kind: azure-openai',
          '      endpoint: https://b.openai.azure.com',
          '      apiVersion: 2024-10-21',
          '      apiKeyEnv: A',
          '      tokenEnv: B',
          '',
        ].join('\n'),
        'bulwark.yaml',
      ),
    );
    expect(text).toMatch(
      /bulwark\.yaml:6:19: gateway\.providers\.azure\.apiVersion: expected e\.g\./,
    );
    expect(text).toMatch(
      /bulwark\.yaml:9:16: gateway\.providers\.claude\.headers: credential headers/,
    );
    expect(text).toMatch(/bulwark\.yaml:12:7: gateway\.providers\.both: name one credential/);
    expect(text).toMatch(
      /bulwark\.yaml:10:16: gateway\.providers\.claude\.baseUrl: give the base URL without \/v1/,
    );
    expect(text).not.toContain('sk-ant-inline');
  });

  it('names a missing secret source without its value', () => {
    const read = secretReader({ EMPTY: '' }, tmpdir());
    expect(() =>
      buildProviders({ c: { kind: 'anthropic', apiKeyEnv: 'NOPE_NOT_SET' } }, read),
    ).toThrowError(/gateway\.providers\.c: environment variable NOPE_NOT_SET is not set/);
    expect(() =>
      buildProviders(
        {
          a: {
            kind: 'azure-openai',
            endpoint: 'https://a.openai.azure.com',
            apiVersion: '2024-10-21',
            tokenFile: 'missing-token-file',
          },
        },
        read,
      ),
    ).toThrowError(/cannot read secret file .*missing-token-file/);
  });

  it('serves a route through an anthropic provider from bulwark.yaml, key from env, never logged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-gw-anthropic-'));
    const upstreamKey = 'sk-ant-from-env-7f3a9c2e';
    const seen: { url: string; headers: IncomingHttpHeaders; body: string }[] = [];
    const upstream = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ url: req.url ?? '', headers: req.headers, body });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: 'msg_1',
            type: 'message',
            role: 'assistant',
            model: 'claude-x',
            content: [{ type: 'text', text: 'hello from claude' }],
            stop_reason: 'end_turn',
            usage: { input_tokens: 3, output_tokens: 4 },
          }),
        );
      });
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    writeFileSync(
      join(dir, 'bulwark.yaml'),
      [
        'gateway:',
        '  logLevel: debug',
        '  providers:',
        `    claude: { kind: anthropic, baseUrl: '${base}', apiKeyEnv: TEST_ANTHROPIC_KEY }`,
        '  routes:',
        '    - { model: claude, provider: claude, upstreamModel: claude-x }',
        '',
      ].join('\n'),
    );
    const created = runBulwark([
      'keys',
      'create',
      '--name',
      'ci',
      '--data-dir',
      join(dir, '.bulwark'),
      '--format',
      'json',
    ]);
    const { key } = JSON.parse(created.stdout) as { key: string };
    const gateway = await startGatewayProcess(['gateway', '--port', '0'], {
      cwd: dir,
      env: { TEST_ANTHROPIC_KEY: upstreamKey },
    });
    try {
      const url = gateway.url;
      const response = await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'claude', messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { choices: { message: { content: string } }[] };
      expect(body.choices[0]?.message.content).toBe('hello from claude');
      expect(seen[0]?.url).toBe('/v1/messages');
      expect(seen[0]?.headers['x-api-key']).toBe(upstreamKey);
      expect(JSON.parse(seen[0]?.body ?? '{}')).toMatchObject({
        model: 'claude-x',
        max_tokens: 4096,
      });
    } finally {
      await gateway.stop();
      upstream.close();
    }
    expect(gateway.output()).toContain('gateway listening');
    expect(gateway.output()).not.toContain(upstreamKey);
  }, 60_000);

  it('exits with a config error naming the unset env var', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-gw-azure-'));
    writeFileSync(
      join(dir, 'bulwark.yaml'),
      'gateway:\n  providers:\n    az: { kind: azure-openai, endpoint: https://x.openai.azure.com, apiVersion: 2024-10-21, apiKeyEnv: UNSET_AZURE_KEY_VAR }\n',
    );
    const r = runBulwark(['gateway', '--port', '0'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('UNSET_AZURE_KEY_VAR is not set');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
