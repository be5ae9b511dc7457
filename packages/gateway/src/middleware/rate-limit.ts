import type { GatewayContext, Middleware } from '../context.js';
import type { Principal, PrincipalLimits } from '../auth/principal.js';
import {
  isEmptyLimits,
  scopedLimitsResolver,
  type ApplicableLimits,
  type ScopedLimits,
} from '../limits/applicable-limits.js';
import type { ConcurrencyLease, ConcurrencyStore } from '../limits/concurrency-store.js';
import type { CounterRequest, CounterStore } from '../limits/counter-store.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import { reject } from '../http/reject.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const MONTH = 30 * DAY;

/** The token budgets: counter name, field and fixed window. */
const BUDGETS = [
  ['tokens_per_minute', 'tokensPerMinute', MINUTE],
  ['tokens_per_day', 'tokensPerDay', DAY],
  ['tokens_per_month', 'tokensPerMonth', MONTH],
] as const satisfies readonly (readonly [string, keyof PrincipalLimits, number])[];

/** Where limits come from: per-credential defaults, and limits shared per tenant and per model. */
export interface RateLimitConfig {
  /** Each credential's limits unless its key sets its own (field by field). */
  defaults: PrincipalLimits;
  /** Shared by all credentials of a tenant; `*` = each tenant. */
  tenants?: ScopedLimits;
  /** Shared by all callers of a public model name; `*` = each model. */
  models?: ScopedLimits;
}

/** `limits.<name>` for a credential's own limits, `limits.<scope>.<name>` for shared ones. */
function ruleId(scope: ApplicableLimits, name: string): string {
  return scope.scope === 'key' ? `limits.${name}` : `limits.${scope.scope}.${name}`;
}

/**
 * Requests/min, tokens/min, daily and monthly token budgets (shared counter
 * store, fixed windows, all-or-nothing across scopes), max concurrent
 * requests (shared concurrency store) and a cap on `max_tokens`, each per credential,
 * per tenant and per model. Every applicable limit is enforced, so the
 * strictest one decides; a refusal names it (rule id, message) and answers
 * 429 with Retry-After (400 for `max_tokens`). Token counters are charged
 * with the upstream's real `usage` after the response.
 */
export function rateLimit(
  stores: { counters: CounterStore; concurrency: ConcurrencyStore },
  config: RateLimitConfig,
  metrics: GatewayMetrics | undefined,
): Middleware {
  const { counters, concurrency } = stores;
  const tenantLimits = scopedLimitsResolver(config.tenants);
  const modelLimits = scopedLimitsResolver(config.models);

  const applicable = (principal: Principal, model: string | undefined): ApplicableLimits[] => {
    const scopes: ApplicableLimits[] = [];
    const own = principal.limits ? { ...config.defaults, ...principal.limits } : config.defaults;
    if (!isEmptyLimits(own))
      scopes.push({
        scope: 'key',
        id: `key:${encodeURIComponent(principal.tenant)}:${encodeURIComponent(principal.id)}`,
        label: 'this key',
        limits: own,
      });
    const tenant = tenantLimits(principal.tenant);
    if (!isEmptyLimits(tenant))
      scopes.push({
        scope: 'tenant',
        id: `tenant:${encodeURIComponent(principal.tenant)}`,
        label: `tenant ${principal.tenant}`,
        limits: tenant as PrincipalLimits,
      });
    const forModel = model === undefined ? undefined : modelLimits(model);
    if (!isEmptyLimits(forModel))
      scopes.push({
        scope: 'model',
        id: `model:${encodeURIComponent(model as string)}`,
        label: `model ${model as string}`,
        limits: forModel as PrincipalLimits,
      });
    return scopes;
  };

  const refuse = (
    ctx: GatewayContext,
    scope: ApplicableLimits,
    name: string,
    resetMs: number,
    what: string,
  ): never => {
    const rule = ruleId(scope, name);
    metrics?.rateLimited.inc({ limit: rule.slice('limits.'.length) });
    ctx.decisions.push({ stage: 'limits', outcome: 'deny', ruleId: rule, reason: what });
    return reject(ctx, 'RATE_LIMITED', what, {
      code: 'rate_limit_exceeded',
      ruleId: rule,
      retryAfterSeconds: Math.max(1, Math.ceil(resetMs / 1000)),
    });
  };

  /** 400 when `max_tokens` exceeds the smallest applicable cap. */
  const checkMaxTokens = (ctx: GatewayContext, scopes: readonly ApplicableLimits[]): void => {
    const body = ctx.body as { max_tokens?: unknown; max_completion_tokens?: unknown };
    const requested =
      typeof body.max_completion_tokens === 'number' ? body.max_completion_tokens : body.max_tokens;
    if (typeof requested !== 'number') return;
    let strictest: ApplicableLimits | undefined;
    for (const scope of scopes) {
      const cap = scope.limits.maxTokens;
      if (cap !== undefined && requested > cap && cap < (strictest?.limits.maxTokens ?? Infinity))
        strictest = scope;
    }
    if (!strictest) return;
    const cap = strictest.limits.maxTokens as number;
    const rule = ruleId(strictest, 'max_tokens');
    ctx.decisions.push({
      stage: 'limits',
      outcome: 'deny',
      ruleId: rule,
      reason: `max_tokens ${requested} > ${cap} (${strictest.label})`,
    });
    reject(ctx, 'INPUT_INVALID', `max_tokens may be at most ${cap} for ${strictest.label}`, {
      code: 'max_tokens_exceeded',
      ruleId: rule,
    });
  };

  /** Takes a concurrency slot in every scope that caps it, or none (refusing on a full one). */
  const acquire = async (
    ctx: GatewayContext,
    scopes: readonly ApplicableLimits[],
  ): Promise<ConcurrencyLease | undefined> => {
    const capped = scopes.filter((scope) => scope.limits.maxConcurrent !== undefined);
    if (capped.length === 0) return undefined;
    const result = await concurrency.acquire(
      capped.map((scope) => ({ key: scope.id, max: scope.limits.maxConcurrent as number })),
    );
    if (result.ok) return result.lease;
    const full = capped[result.full] as ApplicableLimits;
    return refuse(
      ctx,
      full,
      'max_concurrent',
      1000,
      `At most ${full.limits.maxConcurrent} concurrent requests for ${full.label}`,
    );
  };

  /** Counts the request (requests/min) and checks the token budgets, across all scopes at once. */
  const consume = async (ctx: GatewayContext, scopes: readonly ApplicableLimits[]) => {
    const requests: CounterRequest[] = [];
    const meaning: { scope: ApplicableLimits; name: string; what: string }[] = [];
    for (const scope of scopes) {
      const rpm = scope.limits.requestsPerMinute;
      if (rpm !== undefined) {
        requests.push({ key: `rpm:${scope.id}`, amount: 1, limit: rpm, windowMs: MINUTE });
        meaning.push({
          scope,
          name: 'requests_per_minute',
          what: `Rate limit of ${rpm} requests per minute for ${scope.label} reached`,
        });
      }
      for (const [name, field, windowMs] of BUDGETS) {
        const budget = scope.limits[field];
        if (budget === undefined) continue;
        // Amount 0 with limit budget-1: allowed only while the window's usage is below the budget.
        requests.push({ key: `${name}:${scope.id}`, amount: 0, limit: budget - 1, windowMs });
        meaning.push({
          scope,
          name,
          what: `Token budget (${name.replaceAll('_', ' ')}) of ${budget} for ${scope.label} exhausted`,
        });
      }
    }
    if (requests.length === 0) return;
    const outcome = await counters.consume(requests);
    if (outcome.allowed) return;
    // Several limits may be exhausted: name the one that keeps the client waiting longest.
    let worst = -1;
    outcome.results.forEach((r, i) => {
      if (!r.allowed && (worst < 0 || r.resetMs > (outcome.results[worst]?.resetMs ?? 0)))
        worst = i;
    });
    const hit = meaning[worst] as (typeof meaning)[number];
    refuse(ctx, hit.scope, hit.name, outcome.results[worst]?.resetMs ?? MINUTE, hit.what);
  };

  /** Charges the real usage to every token budget that applied. */
  const charge = async (scopes: readonly ApplicableLimits[], used: number) => {
    const requests: CounterRequest[] = [];
    for (const scope of scopes)
      for (const [name, field, windowMs] of BUDGETS)
        if (scope.limits[field] !== undefined)
          requests.push({ key: `${name}:${scope.id}`, amount: used, limit: Infinity, windowMs });
    if (requests.length > 0) await counters.consume(requests);
  };

  return async function rateLimitStep(ctx, next) {
    const principal = ctx.principal;
    if (!principal) return next();
    const scopes = applicable(principal, ctx.model);
    if (scopes.length === 0) return next();
    checkMaxTokens(ctx, scopes);
    const lease = await acquire(ctx, scopes);
    try {
      await consume(ctx, scopes);
      await next();
    } finally {
      // A failed release only delays the slot: Redis leases expire on their own.
      await lease?.release().catch(() => undefined);
      const used = ctx.usage?.totalTokens ?? 0;
      if (used > 0) await charge(scopes, used);
    }
  };
}
