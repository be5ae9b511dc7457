import type { Detection } from '@bulwark/core';
import type { VaultStore } from '../vault/vault-store.js';

/**
 * How a detected value is replaced: `mask` → `[REDACTED:pii.email]`; `hash`
 * → keyed HMAC-SHA256 tag; `placeholder` → typed, numbered, stable within a
 * conversation (`<EMAIL_1>`), restorable for PII; `drop` → removed.
 */
export type RedactionMode = 'mask' | 'hash' | 'placeholder' | 'drop';

export const REDACTION_MODES: readonly RedactionMode[] = ['mask', 'hash', 'placeholder', 'drop'];

/** Redaction settings (also `GuardOptions.redaction`). */
export interface RedactionOptions {
  /** Master key per tenant (HKDF-derived HMAC and AES-256-GCM keys). */
  keys?: Readonly<Record<string, string | Uint8Array>>;
  /** Master key for tenants without their own; default: random per process. */
  key?: string | Uint8Array;
  /**
   * Mode per detection type (`pii.email`) or category (`secret`, `pii`); the
   * type wins. Defaults: secrets `mask`, PII `placeholder`.
   */
  modes?: Readonly<Record<string, RedactionMode>>;
  /** Where pseudonyms live; default: a new `InMemoryVaultStore`. */
  vault?: VaultStore;
  /** Lifetime of vault entries in ms; default 24 h. */
  ttlMs?: number;
  /** Finds what to redact; default: secrets + PII detectors. */
  detect?: (text: string) => Detection[];
  /** Clock for TTLs (tests). */
  now?: () => number;
}
