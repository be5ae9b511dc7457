import type { Middleware } from '../context.js';
import type { PrincipalLimits } from '../auth/principal.js';
import type { CounterStore } from '../limits/counter-store.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import { reject } from '../http/reject.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const MONTH = 30 * DAY;

/**
 * Requests/min, tokens/min, daily and monthly token budgets (shared counter
 * store, fixed windows), max concurrent requests (per process) and a cap on
 * `max_tokens`, per credential and per model. Token counters are charged
 * with the upstream's real `usage` after the response. 429 + Retry-After.
 */
export function rateLimit(
  counters: CounterStore,
  defaults: PrincipalLimits,
  metrics: GatewayMetrics | undefined,
): Middleware {
  const active = new Map<string, number>();
  return async function rateLimitStep(ctx, next) {
    const principal = ctx.principal;
    if (!principal) return next();
    const limits = { ...defaults, ...principal.limits };
    const who = `${principal.tenant}:${principal.id}`;
    const body = ctx.body as { max_tokens?: unknown; max_completion_tokens?: unknown };
    const requested =
      typeof body.max_completion_tokens === 'number' ? body.max_completion_tokens : body.max_tokens;
    if (
      limits.maxTokens !== undefined &&
      typeof requested === 'number' &&
      requested > limits.maxTokens
    ) {
      ctx.decisions.push({
        stage: 'limits',
        outcome: 'deny',
        ruleId: 'limits.max_tokens',
        reason: `max_tokens ${requested} > ${limits.maxTokens}`,
      });
      reject(ctx, 'INPUT_INVALID', `max_tokens may be at most ${limits.maxTokens}`, {
        code: 'max_tokens_exceeded',
        ruleId: 'limits.max_tokens',
      });
    }
    const refuse = (limit: string, resetMs: number, what: string): never => {
      metrics?.rateLimited.inc({ limit });
      ctx.decisions.push({
        stage: 'limits',
        outcome: 'deny',
        ruleId: `limits.${limit}`,
        reason: what,
      });
      return reject(ctx, 'RATE_LIMITED', what, {
        code: 'rate_limit_exceeded',
        ruleId: `limits.${limit}`,
        retryAfterSeconds: Math.max(1, Math.ceil(resetMs / 1000)),
      });
    };
    if (limits.requestsPerMinute !== undefined) {
      const r = await counters.consume(`rpm:${who}`, 1, limits.requestsPerMinute, MINUTE);
      if (!r.allowed)
        refuse(
          'requests_per_minute',
          r.resetMs,
          `Rate limit of ${limits.requestsPerMinute} requests per minute reached`,
        );
    }
    const budgets: [string, number | undefined, number][] = [
      ['tokens_per_minute', limits.tokensPerMinute, MINUTE],
      ['tokens_per_day', limits.tokensPerDay, DAY],
      ['tokens_per_month', limits.tokensPerMonth, MONTH],
    ];
    for (const [name, limit, window] of budgets) {
      if (limit === undefined) continue;
      // Amount 0 with limit-1: allowed only while the window's usage is below the budget.
      const r = await counters.consume(`${name}:${who}`, 0, limit - 1, window);
      if (!r.allowed)
        refuse(
          name,
          r.resetMs,
          `Token budget (${name.replaceAll('_', ' ')}) of ${limit} exhausted`,
        );
    }
    if (limits.maxConcurrent !== undefined) {
      const current = active.get(who) ?? 0;
      if (current >= limits.maxConcurrent)
        refuse('max_concurrent', 1000, `At most ${limits.maxConcurrent} concurrent requests`);
      active.set(who, current + 1);
    }
    try {
      await next();
    } finally {
      if (limits.maxConcurrent !== undefined) {
        const left = (active.get(who) ?? 1) - 1;
        if (left <= 0) active.delete(who);
        else active.set(who, left);
      }
      const used = ctx.usage?.totalTokens ?? 0;
      if (used > 0) {
        for (const [name, limit, window] of budgets) {
          if (limit !== undefined)
            await counters.consume(`${name}:${who}`, used, Number.POSITIVE_INFINITY, window);
        }
      }
    }
  };
}
