import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { PrincipalLimits } from './principal.js';

/** Prefix that makes Bulwark keys recognisable to secret scanners. */
export const API_KEY_PREFIX = 'bwk_';

/** A stored API key: only the SHA-256 of the key is kept, never the key. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  /** hex SHA-256 of the full key. */
  hash: string;
  tenant: string;
  roles: string[];
  createdAt: string;
  expiresAt?: string;
  revokedAt?: string;
  allowedModels?: string[];
  allowedTools?: string[];
  limits?: PrincipalLimits;
}

/**
 * Generates a key with 256 bits of randomness: `bwk_<id>_<secret>`. The id
 * part lets the gateway find the record without a table scan; the secret is
 * compared by hash in constant time.
 */
export function generateApiKey(): { key: string; id: string; hash: string } {
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const key = `${API_KEY_PREFIX}${id}_${secret}`;
  return { key, id, hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return hash('sha256', key, 'hex');
}

/** The id embedded in a well-formed key, or undefined. */
export function apiKeyId(key: string): string | undefined {
  const match = /^bwk_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/.exec(key);
  return match?.[1];
}

/** Decoded stored hashes per record object, kept with the hex they were decoded from. */
const storedDigests = new WeakMap<ApiKeyRecord, { hex: string; digest: Buffer }>();

/** Constant-time comparison of a presented key against a stored hash. */
export function apiKeyMatches(key: string, record: ApiKeyRecord): boolean {
  const presented = hash('sha256', key, 'buffer');
  let stored = storedDigests.get(record);
  if (stored?.hex !== record.hash) {
    stored = { hex: record.hash, digest: Buffer.from(record.hash, 'hex') };
    storedDigests.set(record, stored);
  }
  return presented.length === stored.digest.length && timingSafeEqual(presented, stored.digest);
}

/** Active = not revoked and not expired at `now`. */
export function apiKeyActive(record: ApiKeyRecord, now: Date): boolean {
  if (record.revokedAt !== undefined) return false;
  return record.expiresAt === undefined || Date.parse(record.expiresAt) > now.getTime();
}
