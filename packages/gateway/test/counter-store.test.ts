import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryCounterStore, redisCounterStore, type CounterStore } from '../src/index.js';

const redisUrl = process.env.BULWARK_TEST_REDIS_URL;
const reason = 'BULWARK_TEST_REDIS_URL is not set (e.g. redis://127.0.0.1:6379)';
const clients: Redis[] = [];
afterAll(() => {
  for (const c of clients) c.disconnect();
});

/** The contract every counter store keeps; `fresh` builds a store with its own key space. */
function contract(fresh: () => CounterStore) {
  it('adds within the limit and refuses beyond it without adding', async () => {
    const store = fresh();
    const take = () => store.consume([{ key: 'rpm', amount: 1, limit: 2, windowMs: 60_000 }]);
    expect((await take()).results[0]).toMatchObject({ count: 1, allowed: true });
    expect((await take()).results[0]).toMatchObject({ count: 2, allowed: true });
    const refused = await take();
    expect(refused.allowed).toBe(false);
    expect(refused.results[0]).toMatchObject({ count: 2, allowed: false });
    expect(refused.results[0]?.resetMs).toBeGreaterThan(0);
    expect(refused.results[0]?.resetMs).toBeLessThanOrEqual(60_000);
  });

  it('is all-or-nothing: one full counter stops the others from being charged', async () => {
    const store = fresh();
    await store.consume([{ key: 'tenant', amount: 1, limit: 1, windowMs: 60_000 }]);
    const batch = [
      { key: 'key', amount: 1, limit: 5, windowMs: 60_000 },
      { key: 'tenant', amount: 1, limit: 1, windowMs: 60_000 },
    ];
    const refused = await store.consume(batch);
    expect(refused.allowed).toBe(false);
    expect(refused.results.map((r) => r.allowed)).toEqual([true, false]);
    const key = await store.consume([{ key: 'key', amount: 0, limit: 5, windowMs: 60_000 }]);
    expect(key.results[0]?.count).toBe(0);
  });

  it('checks a budget with amount 0 and charges usage with an unlimited add', async () => {
    const store = fresh();
    const check = () => store.consume([{ key: 'tpd', amount: 0, limit: 9, windowMs: 86_400_000 }]);
    expect((await check()).allowed).toBe(true);
    await store.consume([{ key: 'tpd', amount: 12, limit: Infinity, windowMs: 86_400_000 }]);
    const over = await check();
    expect(over.allowed).toBe(false);
    expect(over.results[0]?.count).toBe(12);
    expect(over.results[0]?.resetMs).toBeGreaterThan(60_000);
  });

  it('counts concurrent callers exactly (atomic check-and-add)', async () => {
    const store = fresh();
    const outcomes = await Promise.all(
      Array.from({ length: 25 }, () =>
        store.consume([
          { key: 'a', amount: 1, limit: 7, windowMs: 60_000 },
          { key: 'b', amount: 1, limit: 100, windowMs: 60_000 },
        ]),
      ),
    );
    expect(outcomes.filter((o) => o.allowed)).toHaveLength(7);
    const b = await store.consume([{ key: 'b', amount: 0, limit: 100, windowMs: 60_000 }]);
    expect(b.results[0]?.count).toBe(7);
  });
}

describe('memory counter store', () => {
  contract(() => memoryCounterStore());

  it('starts a new window once the old one has passed', async () => {
    let t = 1_000;
    const store = memoryCounterStore(() => t);
    const take = () => store.consume([{ key: 'k', amount: 1, limit: 1, windowMs: 1000 }]);
    expect((await take()).allowed).toBe(true);
    expect((await take()).allowed).toBe(false);
    t += 1000;
    expect((await take()).allowed).toBe(true);
  });
});

describe.skipIf(!redisUrl)(`redis counter store${redisUrl ? '' : ` (skipped: ${reason})`}`, () => {
  // Two clients on one key space: the check-and-add must hold across connections.
  const fresh = () => {
    const prefix = `bulwark-test:${randomUUID()}:`;
    const [a, b] = [new Redis(redisUrl as string), new Redis(redisUrl as string)];
    clients.push(a, b);
    const stores = [redisCounterStore(a, prefix), redisCounterStore(b, prefix)];
    let i = 0;
    return {
      consume: (requests) => (stores[i++ % 2] as CounterStore).consume(requests),
    } as CounterStore;
  };
  contract(fresh);
});
