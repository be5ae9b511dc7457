import type { RedactionScope } from '../guard-types.js';

/** A value sealed with AES-256-GCM (NIST SP 800-38D): 96-bit IV, 128-bit tag, base64 fields. */
export interface SealedValue {
  iv: string;
  tag: string;
  data: string;
}

/**
 * One pseudonym of a conversation. `fingerprint` is a keyed HMAC of the value
 * (so the same value gets the same placeholder without storing it in clear);
 * `sealed` is absent for values that must never be restored (secrets).
 */
export interface VaultEntry {
  placeholder: string;
  type: string;
  fingerprint: string;
  sealed?: SealedValue;
  /** Epoch milliseconds after which the entry is gone. */
  expiresAt: number;
}

/**
 * Storage of pseudonyms per tenant and conversation. Synchronous because the
 * guard's `redact`/`restore` are; a shared (Redis) store keeps a local
 * write-through cache behind this interface. Implementations must drop
 * expired entries (never return them).
 */
export interface VaultStore {
  get(scope: RedactionScope, placeholder: string): VaultEntry | undefined;
  findByFingerprint(scope: RedactionScope, fingerprint: string): VaultEntry | undefined;
  put(scope: RedactionScope, entry: VaultEntry): void;
  /** Next placeholder number for `label` in this conversation (1, 2, …). */
  nextIndex(scope: RedactionScope, label: string): number;
}
