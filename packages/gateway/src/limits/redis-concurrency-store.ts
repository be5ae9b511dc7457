import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ConcurrencyStore } from './concurrency-store.js';

/**
 * Each key is a sorted set of lease ids scored by their expiry (Redis server
 * time, ms). One Lua script drops expired leases, checks every key and adds
 * the lease to all of them or to none; Redis runs a script without
 * interleaving other commands, so replicas share one count
 * (https://redis.io/docs/latest/develop/interact/programmability/eval-intro/).
 * A held lease is extended every third of its lifetime, so a long stream
 * keeps its slot while a crashed replica's slots free themselves after
 * `leaseMs`. ARGV: lease id, lease ms, then one max per key; returns 0 or
 * the (1-based) index of the first full key.
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local lease = tonumber(ARGV[2])
for i = 1, #KEYS do
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now)
  if redis.call('ZCARD', KEYS[i]) >= tonumber(ARGV[2 + i]) then return i end
end
for i = 1, #KEYS do
  redis.call('ZADD', KEYS[i], now + lease, ARGV[1])
  redis.call('PEXPIRE', KEYS[i], lease)
end
return 0
`;

/** Extends a held lease (only where it is still held); ARGV: lease id, lease ms. */
const EXTEND = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
for i = 1, #KEYS do
  if redis.call('ZADD', KEYS[i], 'XX', 'CH', now + tonumber(ARGV[2]), ARGV[1]) > 0 then
    redis.call('PEXPIRE', KEYS[i], ARGV[2])
  end
end
return 0
`;

type Script = (keyCount: number, ...keysThenArgs: (string | number)[]) => Promise<number>;

export function redisConcurrencyStore(
  redis: Redis,
  prefix = 'bulwark:concurrent:',
  leaseMs = 60_000,
): ConcurrencyStore {
  redis.defineCommand('bulwarkAcquire', { lua: ACQUIRE });
  redis.defineCommand('bulwarkExtend', { lua: EXTEND });
  const scripts = redis as Redis & { bulwarkAcquire: Script; bulwarkExtend: Script };
  return {
    async acquire(slots) {
      if (slots.length === 0) return { ok: true, lease: { release: () => Promise.resolve() } };
      const keys = slots.map((s) => prefix + s.key);
      const id = randomUUID();
      const full = await scripts.bulwarkAcquire(
        keys.length,
        ...keys,
        id,
        leaseMs,
        ...slots.map((s) => s.max),
      );
      if (full !== 0) return { ok: false, full: full - 1 };
      const timer = setInterval(() => {
        // A missed extension only shortens the lease; the next one or the release settles it.
        scripts.bulwarkExtend(keys.length, ...keys, id, leaseMs).catch(() => undefined);
      }, leaseMs / 3);
      timer.unref();
      let released = false;
      return {
        ok: true,
        lease: {
          async release() {
            if (released) return;
            released = true;
            clearInterval(timer);
            const batch = redis.multi();
            for (const key of keys) batch.zrem(key, id);
            await batch.exec();
          },
        },
      };
    },
  };
}
