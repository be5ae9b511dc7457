import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { RedactionScope } from '../guard-types.js';
import type { SealedValue } from './vault-store.js';

/** Keys of one tenant, derived from its master key with HKDF-SHA256 (RFC 5869). */
export interface TenantKeys {
  /** HMAC-SHA256 key for `hash` mode and vault fingerprints. */
  hmac: Buffer;
  /** AES-256-GCM key for sealed vault values. */
  aes: Buffer;
}

/**
 * Resolves per-tenant keys: the tenant's own master key when configured,
 * otherwise `fallback` (with the tenant name as HKDF salt, so tenants never
 * share derived keys). Without any configured key a random process-local
 * master key is used: pseudonyms then live as long as the process.
 */
export function createKeyring(
  keys: Readonly<Record<string, string | Uint8Array>> = {},
  fallback?: string | Uint8Array,
): (tenant: string) => TenantKeys {
  const master = fallback ?? randomBytes(32);
  const cache = new Map<string, TenantKeys>();
  return (tenant) => {
    let derived = cache.get(tenant);
    if (!derived) {
      const own = Object.hasOwn(keys, tenant) ? keys[tenant] : undefined;
      const ikm = Buffer.from(own ?? master);
      const salt = Buffer.from(`bulwark-tenant:${tenant}`);
      derived = {
        hmac: Buffer.from(hkdfSync('sha256', ikm, salt, 'bulwark redaction hmac v1', 32)),
        aes: Buffer.from(hkdfSync('sha256', ikm, salt, 'bulwark vault aes-256-gcm v1', 32)),
      };
      cache.set(tenant, derived);
    }
    return derived;
  };
}

/** Keyed HMAC-SHA256 of `value` in hex; never an unkeyed hash. */
export function keyedHash(keys: TenantKeys, value: string): string {
  return createHmac('sha256', keys.hmac).update(value, 'utf8').digest('hex');
}

function aad(scope: RedactionScope, placeholder: string): Buffer {
  return Buffer.from(`${scope.tenant}\u0000${scope.conversation}\u0000${placeholder}`);
}

/** Seals `value` bound (as AAD) to its tenant, conversation and placeholder. */
export function sealValue(
  keys: TenantKeys,
  scope: RedactionScope,
  placeholder: string,
  value: string,
): SealedValue {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.aes, iv);
  cipher.setAAD(aad(scope, placeholder));
  const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

/** Opens a sealed value; undefined when the key, scope or ciphertext do not match. */
export function openValue(
  keys: TenantKeys,
  scope: RedactionScope,
  placeholder: string,
  sealed: SealedValue,
): string | undefined {
  try {
    const decipher = createDecipheriv('aes-256-gcm', keys.aes, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(aad(scope, placeholder));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([
      decipher.update(Buffer.from(sealed.data, 'base64')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    return undefined;
  }
}
