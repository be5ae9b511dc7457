import type { Principal, PrincipalLimits } from '../auth/principal.js';
import {
  isEmptyLimits,
  sameLimits,
  scopedLimitsResolver,
  type ApplicableLimits,
  type ScopedLimits,
} from './applicable-limits.js';
import type { ConcurrencySlot } from './concurrency-store.js';
import type { CounterRequest } from './counter-store.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const MONTH = 30 * DAY;

/** The token budgets: counter name, field and fixed window. */
const BUDGETS = [
  ['tokens_per_minute', 'tokensPerMinute', MINUTE],
  ['tokens_per_day', 'tokensPerDay', DAY],
  ['tokens_per_month', 'tokensPerMonth', MONTH],
] as const satisfies readonly (readonly [string, keyof PrincipalLimits, number])[];

/** What a refused counter check means: the limit's scope, name and message. */
export interface LimitMeaning {
  scope: ApplicableLimits;
  name: string;
  what: string;
}

/**
 * Everything the limiter enforces for one principal and model, built once:
 * the applicable scopes, the concurrency slots to take, the counter checks
 * made per request (with what each means when refused) and the budget
 * counters charged with real usage. Plain frozen data, shared by requests.
 */
export interface LimitPlan {
  scopes: readonly ApplicableLimits[];
  /** Scopes that cap concurrency, and one slot per such scope (same order). */
  capped: readonly ApplicableLimits[];
  slots: readonly ConcurrencySlot[];
  /** Requests/min (amount 1) and budget headroom (amount 0) checks, all scopes at once. */
  checks: readonly CounterRequest[];
  meanings: readonly LimitMeaning[];
  /** Token budget counters to charge with the real usage after the response. */
  budgets: readonly { key: string; windowMs: number }[];
}

/** Where limits come from: per-credential defaults, and limits shared per tenant and per model. */
export interface LimitSources {
  /** Each credential's limits unless its key sets its own (field by field). */
  defaults: PrincipalLimits;
  /** Shared by all credentials of a tenant; `*` = each tenant. */
  tenants?: ScopedLimits;
  /** Shared by all callers of a public model name; `*` = each model. */
  models?: ScopedLimits;
}

/** Plans of one principal, valid while its id, tenant and limit values stay the same. */
interface PrincipalPlans {
  id: string;
  tenant: string;
  limits: PrincipalLimits | undefined;
  byModel: Map<string | undefined, LimitPlan>;
}

/** Distinct model names planned per principal before its plans are dropped (client-chosen names). */
const MAX_MODELS_PER_PRINCIPAL = 64;

/**
 * Returns the limit plan for a principal and model, cached per principal
 * object (authenticated API keys keep one principal per key record) and
 * model. A cached plan is used only while the principal's id, tenant and
 * limit values are those it was built from.
 */
export function limitPlanner(
  sources: LimitSources,
): (principal: Principal, model: string | undefined) => LimitPlan {
  const tenantLimits = scopedLimitsResolver(sources.tenants);
  const modelLimits = scopedLimitsResolver(sources.models);
  const cache = new WeakMap<Principal, PrincipalPlans>();

  const scopesFor = (principal: Principal, model: string | undefined): ApplicableLimits[] => {
    const scopes: ApplicableLimits[] = [];
    const own = principal.limits ? { ...sources.defaults, ...principal.limits } : sources.defaults;
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

  const build = (principal: Principal, model: string | undefined): LimitPlan => {
    const scopes = scopesFor(principal, model);
    const capped: ApplicableLimits[] = [];
    const slots: ConcurrencySlot[] = [];
    const checks: CounterRequest[] = [];
    const meanings: LimitMeaning[] = [];
    const budgets: { key: string; windowMs: number }[] = [];
    for (const scope of scopes) {
      const { maxConcurrent, requestsPerMinute: rpm } = scope.limits;
      if (maxConcurrent !== undefined) {
        capped.push(scope);
        slots.push({ key: scope.id, max: maxConcurrent });
      }
      if (rpm !== undefined) {
        checks.push({ key: `rpm:${scope.id}`, amount: 1, limit: rpm, windowMs: MINUTE });
        meanings.push({
          scope,
          name: 'requests_per_minute',
          what: `Rate limit of ${rpm} requests per minute for ${scope.label} reached`,
        });
      }
      for (const [name, field, windowMs] of BUDGETS) {
        const budget = scope.limits[field];
        if (budget === undefined) continue;
        const key = `${name}:${scope.id}`;
        // Amount 0 with limit budget-1: allowed only while the window's usage is below the budget.
        checks.push({ key, amount: 0, limit: budget - 1, windowMs });
        meanings.push({
          scope,
          name,
          what: `Token budget (${name.replaceAll('_', ' ')}) of ${budget} for ${scope.label} exhausted`,
        });
        budgets.push({ key, windowMs });
      }
    }
    return deepFreeze({ scopes, capped, slots, checks, meanings, budgets });
  };

  return (principal, model) => {
    let plans = cache.get(principal);
    if (
      !plans ||
      plans.id !== principal.id ||
      plans.tenant !== principal.tenant ||
      !sameLimits(plans.limits, principal.limits)
    ) {
      plans = {
        id: principal.id,
        tenant: principal.tenant,
        limits: principal.limits ? { ...principal.limits } : undefined,
        byModel: new Map(),
      };
      cache.set(principal, plans);
    }
    let plan = plans.byModel.get(model);
    if (!plan) {
      if (plans.byModel.size >= MAX_MODELS_PER_PRINCIPAL) plans.byModel.clear();
      plan = build(principal, model);
      plans.byModel.set(model, plan);
    }
    return plan;
  };
}

/** Freezes the plan and the arrays and records in it (limits objects are frozen or shared as given). */
function deepFreeze(plan: LimitPlan): LimitPlan {
  for (const list of [plan.scopes, plan.capped, plan.slots, plan.checks, plan.meanings])
    for (const item of list) Object.freeze(item);
  for (const budget of plan.budgets) Object.freeze(budget);
  for (const list of Object.values(plan)) Object.freeze(list);
  return Object.freeze(plan);
}
