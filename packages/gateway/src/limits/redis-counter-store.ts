import type { Redis } from 'ioredis';
import type { CounterStore } from './counter-store.js';

/**
 * Atomic check-and-add in one Lua script (EVALSHA): the read, the limit
 * check, the increment and the expiry happen in one Redis step, so replicas
 * sharing Redis enforce one global limit.
 */
const CONSUME = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local amount = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then ttl = tonumber(ARGV[3]) end
if current + amount > limit then
  return {current, 0, ttl}
end
local updated = redis.call('INCRBY', KEYS[1], amount)
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return {updated, 1, ttl}
`;

export function redisCounterStore(redis: Redis, prefix = 'bulwark:limit:'): CounterStore {
  redis.defineCommand('bulwarkConsume', { numberOfKeys: 1, lua: CONSUME });
  const client = redis as Redis & {
    bulwarkConsume(
      key: string,
      amount: number,
      limit: number,
      windowMs: number,
    ): Promise<[number, number, number]>;
  };
  return {
    async consume(key, amount, limit, windowMs) {
      const cappedLimit = Number.isFinite(limit) ? limit : Number.MAX_SAFE_INTEGER;
      const [count, allowed, ttl] = await client.bulwarkConsume(
        prefix + key,
        amount,
        cappedLimit,
        windowMs,
      );
      return { count, allowed: allowed === 1, resetMs: ttl };
    },
  };
}
