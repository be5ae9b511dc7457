import type { PrincipalLimits } from '../auth/principal.js';

/** Which counters a limit shares: one credential, all credentials of a tenant, all callers of a model. */
export type LimitScope = 'key' | 'tenant' | 'model';

/**
 * Limits for whole tenants or models, by name. The entry `*` applies to
 * every tenant (or model) separately; a named entry's fields override it.
 */
export type ScopedLimits = Readonly<Record<string, PrincipalLimits>>;

/** One set of limits that applies to a request, with the counter id it is kept under. */
export interface ApplicableLimits {
  scope: LimitScope;
  /** Counter id: the scope plus the URI-encoded name(s), so no two scopes can collide. */
  id: string;
  /** Human-readable subject for messages, e.g. `tenant acme`. */
  label: string;
  limits: PrincipalLimits;
}

/** Resolves a scope's limits for a name: `*` merged with the named entry, cached per name. */
export function scopedLimitsResolver(
  limits: ScopedLimits | undefined,
): (name: string) => PrincipalLimits | undefined {
  if (!limits || Object.keys(limits).length === 0) return () => undefined;
  const wildcard = limits['*'];
  const merged = new Map<string, PrincipalLimits>();
  for (const [name, own] of Object.entries(limits)) {
    if (name !== '*') merged.set(name, Object.freeze({ ...wildcard, ...own }));
  }
  return (name) => merged.get(name) ?? wildcard;
}

/** True when no field is set (nothing to enforce). */
export function isEmptyLimits(limits: PrincipalLimits | undefined): boolean {
  if (!limits) return true;
  for (const value of Object.values(limits)) if (value !== undefined) return false;
  return true;
}

/** Every limit field (the record makes the compiler list them all), for field-by-field comparison. */
const LIMIT_FIELDS = Object.keys({
  requestsPerMinute: true,
  tokensPerMinute: true,
  tokensPerDay: true,
  tokensPerMonth: true,
  maxConcurrent: true,
  maxTokens: true,
} satisfies Record<keyof PrincipalLimits, true>) as (keyof PrincipalLimits)[];

/** True when both set the same value (or none) for every field. */
export function sameLimits(
  a: PrincipalLimits | undefined,
  b: PrincipalLimits | undefined,
): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  for (const field of LIMIT_FIELDS) if (a[field] !== b[field]) return false;
  return true;
}
