import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAiCompatibleProvider } from '../src/index.js';
import { post, startGateway, startUpstream, type TestGateway } from './harness.js';

const chat = (content: string, extra: Record<string, unknown> = {}) => ({
  model: 'bulwark-sim',
  messages: [{ role: 'user', content }],
  ...extra,
});
const url = (gw: TestGateway) => `${gw.url}/v1/chat/completions`;
const rule = (text: string) => JSON.parse(text).error.bulwark.rule_id as string;

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

describe('limits per tenant', () => {
  it('shares one request counter across the keys of a tenant, not across tenants', async () => {
    gw = await startGateway({ tenantLimits: { acme: { requestsPerMinute: 2 } } });
    const second = gw.addKey({ tenant: 'acme' });
    const other = gw.addKey({ tenant: 'globex' });
    expect((await post(url(gw), gw.key, chat('a'))).status).toBe(200);
    expect((await post(url(gw), second, chat('b'))).status).toBe(200);
    const limited = await post(url(gw), gw.key, chat('c'));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(rule(limited.text)).toBe('limits.tenant.requests_per_minute');
    expect(JSON.parse(limited.text).error.message).toContain('tenant acme');
    expect((await post(url(gw), other, chat('d'))).status).toBe(200);
    expect(gw.audit.events.at(-2)).toMatchObject({
      status: 429,
      decisions: [expect.anything(), { ruleId: 'limits.tenant.requests_per_minute' }],
    });
  });

  it('applies the `*` entry to each tenant separately, a named entry overriding it', async () => {
    gw = await startGateway({
      tenantLimits: { '*': { requestsPerMinute: 1 }, globex: { requestsPerMinute: 3 } },
    });
    const initech = gw.addKey({ tenant: 'initech' });
    const globex = gw.addKey({ tenant: 'globex' });
    expect((await post(url(gw), gw.key, chat('a'))).status).toBe(200);
    expect((await post(url(gw), gw.key, chat('b'))).status).toBe(429);
    expect((await post(url(gw), initech, chat('c'))).status).toBe(200);
    for (const text of ['d', 'e', 'f'])
      expect((await post(url(gw), globex, chat(text))).status).toBe(200);
    expect((await post(url(gw), globex, chat('g'))).status).toBe(429);
  });

  it('charges real usage to the tenant budget: another key of the tenant is refused', async () => {
    gw = await startGateway({ tenantLimits: { acme: { tokensPerDay: 10 } } });
    const second = gw.addKey({ tenant: 'acme' });
    const other = gw.addKey({ tenant: 'globex' });
    expect((await post(url(gw), gw.key, chat('x'.repeat(80)))).status).toBe(200);
    const over = await post(url(gw), second, chat('hi'));
    expect(over.status).toBe(429);
    expect(rule(over.text)).toBe('limits.tenant.tokens_per_day');
    // The daily window resets within a day, not within a minute.
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(3600);
    expect((await post(url(gw), other, chat('hi'))).status).toBe(200);
  });

  it('caps concurrent requests of a tenant; the slot is free again when the call ends', async () => {
    const answer = JSON.stringify({
      id: 'x',
      object: 'chat.completion',
      created: 1,
      model: 'm',
      choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
    });
    // The first call is held until released; later ones are answered at once.
    let release: () => void = () => undefined;
    let arrived: () => void = () => undefined;
    const firstArrived = new Promise<void>((r) => (arrived = r));
    let calls = 0;
    const upstream = await startUpstream((_req, res) => {
      if (calls++ > 0) return void res.end(answer);
      release = () => res.end(answer);
      arrived();
    });
    try {
      gw = await startGateway({
        routes: [
          { model: '*', provider: createOpenAiCompatibleProvider({ baseUrl: upstream.url }) },
        ],
        tenantLimits: { acme: { maxConcurrent: 1 } },
      });
      const second = gw.addKey({ tenant: 'acme' });
      const other = gw.addKey({ tenant: 'globex' });
      const first = post(url(gw), gw.key, chat('slow'));
      await firstArrived;
      const refused = await post(url(gw), second, chat('b'));
      expect(refused.status).toBe(429);
      expect(rule(refused.text)).toBe('limits.tenant.max_concurrent');
      expect((await post(url(gw), other, chat('c'))).status).toBe(200);
      release();
      expect((await first).status).toBe(200);
      expect((await post(url(gw), second, chat('d'))).status).toBe(200);
    } finally {
      await upstream.close();
    }
  });
});

describe('limits per model', () => {
  it('counts all callers of a model together and leaves other models alone', async () => {
    gw = await startGateway({ modelLimits: { 'bulwark-sim': { requestsPerMinute: 1 } } });
    const second = gw.addKey({ tenant: 'globex' });
    expect((await post(url(gw), gw.key, chat('a'))).status).toBe(200);
    const limited = await post(url(gw), second, chat('b'));
    expect(limited.status).toBe(429);
    expect(rule(limited.text)).toBe('limits.model.requests_per_minute');
    expect(JSON.parse(limited.text).error.message).toContain('model bulwark-sim');
    expect((await post(url(gw), second, { ...chat('c'), model: 'other-model' })).status).toBe(200);
  });

  it('caps max_tokens at the smallest of key, tenant and model caps, naming it', async () => {
    gw = await startGateway({
      keyLimits: { maxTokens: 1000 },
      tenantLimits: { acme: { maxTokens: 500 } },
      modelLimits: { 'bulwark-sim': { maxTokens: 100 } },
    });
    const big = await post(url(gw), gw.key, chat('hi', { max_tokens: 200 }));
    expect(big.status).toBe(400);
    expect(JSON.parse(big.text).error.code).toBe('max_tokens_exceeded');
    expect(rule(big.text)).toBe('limits.model.max_tokens');
    const tenantCapped = await post(url(gw), gw.key, {
      ...chat('hi', { max_completion_tokens: 600 }),
      model: 'other-model',
    });
    expect(rule(tenantCapped.text)).toBe('limits.tenant.max_tokens');
    expect((await post(url(gw), gw.key, chat('hi', { max_tokens: 100 }))).status).toBe(200);
  });

  it('a model token budget refuses once real usage exhausted it', async () => {
    gw = await startGateway({ modelLimits: { '*': { tokensPerMonth: 10 } } });
    expect((await post(url(gw), gw.key, chat('x'.repeat(80)))).status).toBe(200);
    const over = await post(url(gw), gw.key, chat('hi'));
    expect(over.status).toBe(429);
    expect(rule(over.text)).toBe('limits.model.tokens_per_month');
    expect((await post(url(gw), gw.key, { ...chat('hi'), model: 'other-model' })).status).toBe(200);
  });
});

describe('the strictest applicable limit wins', () => {
  it('names the tenant limit when it is tighter than the key limit, and the key limit otherwise', async () => {
    gw = await startGateway({
      keyLimits: { requestsPerMinute: 5 },
      tenantLimits: { acme: { requestsPerMinute: 2 } },
    });
    const tight = gw.addKey({ tenant: 'globex', limits: { requestsPerMinute: 1 } });
    await post(url(gw), gw.key, chat('a'));
    await post(url(gw), gw.key, chat('b'));
    expect(rule((await post(url(gw), gw.key, chat('c'))).text)).toBe(
      'limits.tenant.requests_per_minute',
    );
    await post(url(gw), tight, chat('a'));
    expect(rule((await post(url(gw), tight, chat('b'))).text)).toBe('limits.requests_per_minute');
  });
});
