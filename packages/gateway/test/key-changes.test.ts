import { afterEach, describe, expect, it } from 'vitest';
import { generateApiKey, memoryKeyStore, type ApiKeyRecord } from '../src/index.js';
import { post, startGateway, type HarnessOptions, type TestGateway } from './harness.js';

/**
 * The gateway keeps one principal per key record and one limit plan per
 * principal and model: a key changed, revoked or moved between requests
 * must take effect on the next request, and no two tenants or models may
 * share what was planned for another.
 */
const chat = (content: string, model = 'bulwark-sim') => ({
  model,
  messages: [{ role: 'user', content }],
});
const rule = (text: string) => JSON.parse(text).error.bulwark.rule_id as string;

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

/** A gateway whose one key record the test can replace or change in place. */
async function gatewayWithKey(
  record: Partial<ApiKeyRecord>,
  options: HarnessOptions = {},
): Promise<{ g: TestGateway; record: ApiKeyRecord; replace(r: Partial<ApiKeyRecord>): void }> {
  const generated = generateApiKey();
  const keys = memoryKeyStore([]);
  const base: ApiKeyRecord = {
    id: generated.id,
    hash: generated.hash,
    name: 'changing',
    tenant: 'acme',
    roles: ['user'],
    createdAt: new Date().toISOString(),
    ...record,
  };
  keys.add(base);
  gw = await startGateway({ ...options, keys, key: generated.key });
  return { g: gw, record: base, replace: (r) => keys.add({ ...base, ...r }) };
}

const send = async (g: TestGateway, content: string, model?: string) =>
  post(`${g.url}/v1/chat/completions`, g.key, chat(content, model));

describe('key records changed between requests', () => {
  it('applies new limits of a replaced record', async () => {
    const { g, replace } = await gatewayWithKey({ limits: { requestsPerMinute: 1 } });
    expect((await send(g, 'a')).status).toBe(200);
    expect(rule((await send(g, 'b')).text)).toBe('limits.requests_per_minute');
    replace({ limits: { requestsPerMinute: 3 } });
    expect((await send(g, 'c')).status).toBe(200);
    expect((await send(g, 'd')).status).toBe(200);
    const limited = await send(g, 'e');
    expect(limited.status).toBe(429);
    expect(JSON.parse(limited.text).error.message).toContain('Rate limit of 3 requests');
  });

  it('applies limits changed in place on the same record', async () => {
    const { g, record } = await gatewayWithKey({ limits: { requestsPerMinute: 5 } });
    expect((await send(g, 'a')).status).toBe(200);
    (record.limits as { requestsPerMinute?: number }).requestsPerMinute = 1;
    expect((await send(g, 'b')).status).toBe(429);
    record.limits = { maxTokens: 10 };
    expect((await send(g, 'c')).status).toBe(200);
    const capped = await post(`${g.url}/v1/chat/completions`, g.key, {
      ...chat('d'),
      max_tokens: 11,
    });
    expect(rule(capped.text)).toBe('limits.max_tokens');
  });

  it('refuses a key revoked or expired after it was used', async () => {
    const { g, record, replace } = await gatewayWithKey({});
    expect((await send(g, 'a')).status).toBe(200);
    record.revokedAt = new Date().toISOString();
    expect((await send(g, 'b')).status).toBe(401);
    delete record.revokedAt;
    expect((await send(g, 'c')).status).toBe(200);
    replace({ expiresAt: new Date(Date.now() - 1000).toISOString() });
    expect((await send(g, 'd')).status).toBe(401);
  });

  it('applies a new model allow-list and a move to another tenant', async () => {
    const { g, record } = await gatewayWithKey(
      {},
      { tenantLimits: { '*': { requestsPerMinute: 1 } } },
    );
    expect((await send(g, 'a')).status).toBe(200);
    expect(rule((await send(g, 'b')).text)).toBe('limits.tenant.requests_per_minute');
    record.tenant = 'globex';
    expect((await send(g, 'c')).status).toBe(200);
    expect(g.audit.events.at(-1)).toMatchObject({ status: 200, tenant: 'globex' });
    const limited = await send(g, 'd');
    expect(JSON.parse(limited.text).error.message).toContain('tenant globex');
    record.allowedModels = ['another-model'];
    expect((await send(g, 'e')).status).toBe(403);
  });
});

describe('limits planned per tenant and model', () => {
  it('names the right tenant for keys of different tenants', async () => {
    gw = await startGateway({ tenantLimits: { '*': { requestsPerMinute: 1 } } });
    const globex = gw.addKey({ tenant: 'globex' });
    expect((await send(gw, 'a')).status).toBe(200);
    expect((await post(`${gw.url}/v1/chat/completions`, globex, chat('b'))).status).toBe(200);
    const acme = await send(gw, 'c');
    expect(JSON.parse(acme.text).error.message).toContain('tenant acme');
    const other = await post(`${gw.url}/v1/chat/completions`, globex, chat('d'));
    expect(JSON.parse(other.text).error.message).toContain('tenant globex');
  });

  it('keeps one key’s models apart, also past the number of models it remembers', async () => {
    gw = await startGateway({ modelLimits: { '*': { requestsPerMinute: 1 } } });
    const models = Array.from({ length: 70 }, (_, i) => `model-${i}`);
    for (const model of models) expect((await send(gw, 'a', model)).status).toBe(200);
    for (const model of ['model-0', 'model-69']) {
      const limited = await send(gw, 'b', model);
      expect(limited.status).toBe(429);
      expect(JSON.parse(limited.text).error.message).toContain(`model ${model} reached`);
    }
  });
});
