import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createOpenAiCompatibleProvider,
  memoryKeyStore,
  redisApprovalStore,
  redisConcurrencyStore,
  redisCounterStore,
} from '../src/index.js';
import {
  post,
  startGateway,
  startUpstream,
  type HarnessOptions,
  type TestGateway,
} from './harness.js';

const url = process.env.BULWARK_TEST_REDIS_URL;
const reason = 'BULWARK_TEST_REDIS_URL is not set (e.g. redis://127.0.0.1:6379)';

describe.skipIf(!url)(`two gateways sharing Redis${url ? '' : ` (skipped: ${reason})`}`, () => {
  const clients: Redis[] = [];
  const gateways: TestGateway[] = [];
  afterAll(async () => {
    for (const g of gateways) await g.close();
    for (const c of clients) c.disconnect();
  });

  async function pair(limits: { requestsPerMinute: number }, extra: HarnessOptions = {}) {
    const prefix = `bulwark-test:${randomUUID()}:`;
    const keys = memoryKeyStore([]);
    const make = async (key?: string) => {
      const redis = new Redis(url as string, { lazyConnect: false, maxRetriesPerRequest: 1 });
      clients.push(redis);
      const g = await startGateway({
        keys,
        limits,
        ...extra,
        counters: redisCounterStore(redis, `${prefix}limit:`),
        concurrency: redisConcurrencyStore(redis, `${prefix}concurrent:`),
        approvals: redisApprovalStore(redis, `${prefix}approval:`),
        ...(key ? { key } : {}),
      });
      gateways.push(g);
      return g;
    };
    const a = await make();
    const b = await make(a.key);
    return { a, b };
  }

  it('enforces one global rate limit across instances', async () => {
    const { a, b } = await pair({ requestsPerMinute: 3 });
    const body = { model: 'bulwark-sim', messages: [{ role: 'user', content: 'hi' }] };
    const statuses: number[] = [];
    for (const g of [a, b, a, b, a])
      statuses.push((await post(`${g.url}/v1/chat/completions`, a.key, body)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });

  it('enforces one tenant max-concurrent limit across instances', async () => {
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
      const { a, b } = await pair(
        { requestsPerMinute: 100 },
        {
          tenantLimits: { acme: { maxConcurrent: 1 } },
          routes: [
            { model: '*', provider: createOpenAiCompatibleProvider({ baseUrl: upstream.url }) },
          ],
        },
      );
      const body = { model: 'bulwark-sim', messages: [{ role: 'user', content: 'hi' }] };
      const first = post(`${a.url}/v1/chat/completions`, a.key, body);
      await firstArrived;
      const refused = await post(`${b.url}/v1/chat/completions`, a.key, body);
      expect(refused.status).toBe(429);
      expect(JSON.parse(refused.text).error.bulwark.rule_id).toBe('limits.tenant.max_concurrent');
      release();
      expect((await first).status).toBe(200);
      expect((await post(`${b.url}/v1/chat/completions`, a.key, body)).status).toBe(200);
    } finally {
      await upstream.close();
    }
  });

  it('sees approvals created by the other instance', async () => {
    const { a, b } = await pair({ requestsPerMinute: 100 });
    const body = {
      model: 'bulwark-sim',
      messages: [{ role: 'user', content: '[[tool:send_email {"to":"x@y.z"}]]' }],
    };
    const first = await post(`${a.url}/v1/chat/completions`, a.key, body);
    const id = JSON.parse(JSON.parse(first.text).choices[0].message.content).bulwark
      .approval_id as string;
    const listed = (await (
      await fetch(`${b.url}/admin/approvals`, {
        headers: { authorization: `Bearer ${b.adminKey}` },
      })
    ).json()) as {
      data: { id: string }[];
    };
    expect(listed.data.map((x) => x.id)).toContain(id);
    expect((await post(`${b.url}/admin/approvals/${id}/approve`, b.adminKey, {})).status).toBe(200);
    expect((await post(`${a.url}/admin/approvals/${id}/deny`, a.adminKey, {})).status).toBe(409);
    const resent = await post(`${a.url}/v1/chat/completions`, a.key, body, {
      'x-bulwark-approval': id,
    });
    expect(JSON.parse(resent.text).choices[0].message.tool_calls[0].function.name).toBe(
      'send_email',
    );
  });
});
