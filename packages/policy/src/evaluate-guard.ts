import type { GuardAction, MessageRole, Verdict } from '@bulwark/core';
import type { Policy, ResolvedThresholds } from './policy.js';

/** What to do with one scanned text, and which thresholds decided it. */
export interface GuardDecision {
  action: GuardAction;
  ruleId: string;
  reason: string;
  thresholds: ResolvedThresholds;
}

/**
 * Thresholds for a message role given the caller's roles. When several of the
 * caller's roles override the same message role, the strictest wins (lowest
 * block and flag thresholds; `onFlag: block` beats `allow`).
 */
export function guardThresholds(
  policy: Policy,
  principalRoles: readonly string[],
  messageRole: MessageRole,
): { thresholds: ResolvedThresholds; ruleId: string } {
  let thresholds = policy.guard.defaults[messageRole];
  let ruleId = `guard.defaults.${messageRole}`;
  let first = true;
  for (const role of principalRoles) {
    const override = policy.guard.roles[role]?.[messageRole];
    if (!override) continue;
    if (first) {
      thresholds = override;
      first = false;
    } else {
      thresholds = {
        flag: Math.min(thresholds.flag, override.flag),
        block: Math.min(thresholds.block, override.block),
        onFlag: thresholds.onFlag === 'block' || override.onFlag === 'block' ? 'block' : 'allow',
      };
    }
    ruleId = `guard.roles.${role}.${messageRole}`;
  }
  return { thresholds, ruleId };
}

/** Applies the policy's thresholds to a guard verdict's score. */
export function evaluateGuardVerdict(
  policy: Policy,
  principalRoles: readonly string[],
  messageRole: MessageRole,
  verdict: Verdict,
): GuardDecision {
  const { thresholds, ruleId } = guardThresholds(policy, principalRoles, messageRole);
  const score = verdict.score;
  const top = verdict.detections.reduce<string | undefined>(
    (best, d) => (d.score === score ? (best ?? d.type) : best),
    undefined,
  );
  const what = top ? ` (${top})` : '';
  if (score >= thresholds.block) {
    return {
      action: 'block',
      ruleId,
      reason: `${messageRole} text scored ${score.toFixed(2)}${what} ≥ block ${thresholds.block}`,
      thresholds,
    };
  }
  if (score >= thresholds.flag && verdict.detections.length > 0) {
    const action = thresholds.onFlag === 'block' ? 'block' : 'flag';
    return {
      action,
      ruleId,
      reason: `${messageRole} text scored ${score.toFixed(2)}${what} ≥ flag ${thresholds.flag}`,
      thresholds,
    };
  }
  return { action: 'allow', ruleId, reason: `${messageRole} text below thresholds`, thresholds };
}
