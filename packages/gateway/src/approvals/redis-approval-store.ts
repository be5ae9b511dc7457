import type { Redis } from 'ioredis';
import { withExpiry, type Approval, type ApprovalStore } from './approval-store.js';

/**
 * Decide atomically: only a record still pending and unexpired changes, so
 * two replicas (or two admins) cannot both decide it.
 */
const DECIDE = `
local raw = redis.call('GET', KEYS[1])
if not raw then return nil end
local a = cjson.decode(raw)
if a.status ~= 'pending' then return raw end
if tonumber(ARGV[4]) >= tonumber(ARGV[5]) then return raw end
a.status = ARGV[1]
a.decidedBy = ARGV[2]
a.decidedAt = ARGV[3]
if ARGV[6] ~= '' then a.note = ARGV[6] end
local out = cjson.encode(a)
redis.call('SET', KEYS[1], out, 'KEEPTTL')
return out
`;

export function redisApprovalStore(redis: Redis, prefix = 'bulwark:approval:'): ApprovalStore {
  redis.defineCommand('bulwarkDecide', { numberOfKeys: 1, lua: DECIDE });
  const client = redis as Redis & {
    bulwarkDecide(key: string, ...args: string[]): Promise<string | null>;
  };
  const index = `${prefix}index`;
  const parse = (raw: string | null): Approval | undefined =>
    raw === null ? undefined : withExpiry(JSON.parse(raw) as Approval, Date.now());
  return {
    async create(a) {
      // Kept a day past expiry so decisions remain listable.
      const ttl = Math.max(1, Date.parse(a.expiresAt) - Date.now()) + 86_400_000;
      await redis
        .multi()
        .set(prefix + a.id, JSON.stringify(a), 'PX', ttl)
        .zadd(index, Date.parse(a.createdAt), a.id)
        .exec();
    },
    async get(id) {
      return parse(await redis.get(prefix + id));
    },
    async list() {
      const ids = await redis.zrange(index, 0, -1);
      if (ids.length === 0) return [];
      const raws = await redis.mget(ids.map((id) => prefix + id));
      return raws.map(parse).filter((a): a is Approval => a !== undefined);
    },
    async decide(id, decision, by, note) {
      const stored = await this.get(id);
      if (!stored) return undefined;
      const raw = await client.bulwarkDecide(
        prefix + id,
        decision,
        by,
        new Date().toISOString(),
        String(Date.now()),
        String(Date.parse(stored.expiresAt)),
        note ?? '',
      );
      return parse(raw);
    },
  };
}
