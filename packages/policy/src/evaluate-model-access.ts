import type { Decision, Policy, Subject } from './policy.js';
import { conditionsHold } from './conditions.js';
import { matchesAny } from './matcher-cache.js';

/**
 * Who may call which model. Every rule whose models and conditions match is
 * considered; any matching `deny` wins over `allow` (so overlapping rules
 * resolve to the safe side); no match at all is a default deny.
 */
export function evaluateModelAccess(policy: Policy, subject: Subject, model: string): Decision {
  let allow: Decision | undefined;
  for (const rule of policy.models) {
    if (!matchesAny(rule.models, model) || !conditionsHold(rule.when, subject)) continue;
    const reason =
      rule.reason ??
      `rule ${rule.id} ${rule.effect === 'allow' ? 'allows' : 'denies'} model ${model}`;
    if (rule.effect === 'deny') return { outcome: 'deny', ruleId: rule.id, reason };
    allow ??= { outcome: 'allow', ruleId: rule.id, reason };
  }
  return (
    allow ?? {
      outcome: 'deny',
      ruleId: 'policy.default_deny',
      reason: `no policy rule allows model ${model} for roles [${subject.roles.join(', ')}]`,
    }
  );
}
