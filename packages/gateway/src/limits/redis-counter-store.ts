import type { Redis } from 'ioredis';
import type { CounterResult, CounterStore } from './counter-store.js';

/**
 * Atomic all-or-nothing check-and-add over several counters in one Lua
 * script (EVALSHA): Redis runs a script without interleaving other commands
 * (https://redis.io/docs/latest/develop/interact/programmability/eval-intro/),
 * so the reads, the limit checks, the increments and the expiries happen in
 * one step and replicas sharing Redis enforce one global limit. ARGV holds
 * amount, limit and window (ms) per key; the reply is
 * `{allowed, count1, fits1, ttl1, count2, …}`.
 */
const CONSUME = `
local reply = {1}
for i = 1, #KEYS do
  local current = tonumber(redis.call('GET', KEYS[i]) or '0')
  local amount = tonumber(ARGV[3 * i - 2])
  local limit = tonumber(ARGV[3 * i - 1])
  local ttl = redis.call('PTTL', KEYS[i])
  if ttl < 0 then ttl = tonumber(ARGV[3 * i]) end
  local fits = 1
  if current + amount > limit then
    fits = 0
    reply[1] = 0
  end
  reply[3 * i - 1] = current
  reply[3 * i] = fits
  reply[3 * i + 1] = ttl
end
if reply[1] == 1 then
  for i = 1, #KEYS do
    local amount = tonumber(ARGV[3 * i - 2])
    if amount ~= 0 then
      reply[3 * i - 1] = redis.call('INCRBY', KEYS[i], amount)
      if redis.call('PTTL', KEYS[i]) < 0 then redis.call('PEXPIRE', KEYS[i], ARGV[3 * i]) end
    end
  end
end
return reply
`;

type ConsumeCommand = (keyCount: number, ...keysThenArgs: (string | number)[]) => Promise<number[]>;

export function redisCounterStore(redis: Redis, prefix = 'bulwark:limit:'): CounterStore {
  redis.defineCommand('bulwarkConsumeAll', { lua: CONSUME });
  const consumeAll = (
    redis as Redis & { bulwarkConsumeAll: ConsumeCommand }
  ).bulwarkConsumeAll.bind(redis);
  return {
    async consume(requests) {
      if (requests.length === 0) return { allowed: true, results: [] };
      const keys = requests.map((r) => prefix + r.key);
      const args = requests.flatMap((r) => [
        r.amount,
        Number.isFinite(r.limit) ? r.limit : Number.MAX_SAFE_INTEGER,
        r.windowMs,
      ]);
      const reply = await consumeAll(keys.length, ...keys, ...args);
      const results: CounterResult[] = requests.map((_, i) => ({
        count: reply[3 * i + 1] ?? 0,
        allowed: reply[3 * i + 2] === 1,
        resetMs: reply[3 * i + 3] ?? 0,
      }));
      return { allowed: reply[0] === 1, results };
    },
  };
}
