import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import {
  memoryConcurrencyStore,
  redisConcurrencyStore,
  type ConcurrencyStore,
} from '../src/index.js';

const redisUrl = process.env.BULWARK_TEST_REDIS_URL;
const reason = 'BULWARK_TEST_REDIS_URL is not set (e.g. redis://127.0.0.1:6379)';
const clients: Redis[] = [];
afterAll(() => {
  for (const c of clients) c.disconnect();
});

/** The contract every concurrency store keeps; `fresh` builds one with its own key space. */
function contract(fresh: () => ConcurrencyStore) {
  it('holds at most `max` slots; a release frees one, a second release nothing', async () => {
    const store = fresh();
    const slot = [{ key: 'tenant:acme', max: 2 }];
    const a = await store.acquire(slot);
    const b = await store.acquire(slot);
    expect([a.ok, b.ok]).toEqual([true, true]);
    expect(await store.acquire(slot)).toEqual({ ok: false, full: 0 });
    if (!a.ok) throw new Error('unreachable');
    await a.lease.release();
    await a.lease.release();
    expect((await store.acquire(slot)).ok).toBe(true);
    expect((await store.acquire(slot)).ok).toBe(false);
  });

  it('is all-or-nothing and names the full slot', async () => {
    const store = fresh();
    await store.acquire([{ key: 'tenant', max: 1 }]);
    const refused = await store.acquire([
      { key: 'key', max: 1 },
      { key: 'tenant', max: 1 },
    ]);
    expect(refused).toEqual({ ok: false, full: 1 });
    // The key slot was not taken by the refused request.
    expect((await store.acquire([{ key: 'key', max: 1 }])).ok).toBe(true);
  });

  it('grants exactly `max` of many simultaneous requests', async () => {
    const store = fresh();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => store.acquire([{ key: 'model:m', max: 3 }])),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
  });
}

describe('memory concurrency store', () => contract(() => memoryConcurrencyStore()));

describe.skipIf(!redisUrl)(
  `redis concurrency store${redisUrl ? '' : ` (skipped: ${reason})`}`,
  () => {
    // Two clients on one key space, as two replicas.
    contract(() => {
      const prefix = `bulwark-test:${randomUUID()}:`;
      const [a, b] = [new Redis(redisUrl as string), new Redis(redisUrl as string)];
      clients.push(a, b);
      const stores = [redisConcurrencyStore(a, prefix), redisConcurrencyStore(b, prefix)];
      let i = 0;
      return { acquire: (slots) => (stores[i++ % 2] as ConcurrencyStore).acquire(slots) };
    });
  },
);
