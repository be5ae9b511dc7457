import type { GatewayContext, Middleware } from '../context.js';
import type { ApplicableLimits } from '../limits/applicable-limits.js';
import type { ConcurrencyLease, ConcurrencyStore } from '../limits/concurrency-store.js';
import type { CounterStore } from '../limits/counter-store.js';
import { limitPlanner, type LimitPlan, type LimitSources } from '../limits/limit-plan.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import { reject } from '../http/reject.js';

const MINUTE = 60_000;

/** Where limits come from: per-credential defaults, and limits shared per tenant and per model. */
export type RateLimitConfig = LimitSources;

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
 * with the upstream's real `usage` after the response. What applies to a
 * principal and model is planned once (see `limit-plan.ts`).
 */
export function rateLimit(
  stores: { counters: CounterStore; concurrency: ConcurrencyStore },
  config: RateLimitConfig,
  metrics: GatewayMetrics | undefined,
): Middleware {
  const { counters, concurrency } = stores;
  const planFor = limitPlanner(config);

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

  /**
   * 400 when `max_tokens` or `max_completion_tokens` exceeds the smallest
   * applicable cap (both are checked: upstreams differ in which one wins).
   * A chat request naming neither gets `max_tokens` set to that cap, so
   * leaving the field out cannot lift the limit. The fields' types were checked
   * before (chat-request-check).
   */
  const checkMaxTokens = (ctx: GatewayContext, scopes: readonly ApplicableLimits[]): void => {
    const body = ctx.body as {
      messages?: unknown;
      max_tokens?: unknown;
      max_completion_tokens?: unknown;
    };
    const named = [body.max_tokens, body.max_completion_tokens].filter(
      (v): v is number => typeof v === 'number',
    );
    let strictest: ApplicableLimits | undefined;
    for (const scope of scopes) {
      const cap = scope.limits.maxTokens;
      if (cap !== undefined && cap < (strictest?.limits.maxTokens ?? Infinity)) strictest = scope;
    }
    if (!strictest) return;
    const cap = strictest.limits.maxTokens as number;
    if (named.length === 0) {
      // Only chat requests generate tokens (embeddings have no such field).
      if (Array.isArray(body.messages)) body.max_tokens = cap;
      return;
    }
    const requested = Math.max(...named);
    if (requested <= cap) return;
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

  /** Takes a slot in every scope that caps concurrency, or none (refusing on a full one). */
  const acquire = async (ctx: GatewayContext, plan: LimitPlan): Promise<ConcurrencyLease> => {
    const result = await concurrency.acquire(plan.slots);
    if (result.ok) return result.lease;
    const full = plan.capped[result.full] as ApplicableLimits;
    return refuse(
      ctx,
      full,
      'max_concurrent',
      1000,
      `At most ${full.limits.maxConcurrent} concurrent requests for ${full.label}`,
    );
  };

  /** Counts the request (requests/min) and checks the token budgets, across all scopes at once. */
  const consume = async (ctx: GatewayContext, plan: LimitPlan) => {
    const outcome = await counters.consume(plan.checks);
    if (outcome.allowed) return;
    // Several limits may be exhausted: name the one that keeps the client waiting longest.
    let worst = -1;
    outcome.results.forEach((r, i) => {
      if (!r.allowed && (worst < 0 || r.resetMs > (outcome.results[worst]?.resetMs ?? 0)))
        worst = i;
    });
    const hit = plan.meanings[worst] as LimitPlan['meanings'][number];
    refuse(ctx, hit.scope, hit.name, outcome.results[worst]?.resetMs ?? MINUTE, hit.what);
  };

  /** Charges the real usage to every token budget that applied. */
  const charge = async (plan: LimitPlan, used: number) => {
    if (plan.budgets.length === 0) return;
    await counters.consume(
      plan.budgets.map(({ key, windowMs }) => ({ key, amount: used, limit: Infinity, windowMs })),
    );
  };

  return async function rateLimitStep(ctx, next) {
    const principal = ctx.principal;
    if (!principal) return next();
    const plan = planFor(principal, ctx.model);
    if (plan.scopes.length === 0) return next();
    checkMaxTokens(ctx, plan.scopes);
    const lease = plan.slots.length === 0 ? undefined : await acquire(ctx, plan);
    try {
      if (plan.checks.length > 0) await consume(ctx, plan);
      await next();
    } finally {
      // A failed release only delays the slot: Redis leases expire on their own.
      if (lease) await lease.release().catch(() => undefined);
      const used = ctx.usage?.totalTokens ?? 0;
      if (used > 0) await charge(plan, used);
    }
  };
}
