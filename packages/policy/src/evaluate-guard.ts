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

/** How the caller handles the scanned text besides scoring it. */
export interface GuardEvaluationOptions {
  /**
   * True when the caller redacts this text's `policy.guard.redact` categories
   * (request messages before the provider, output before the client): those
   * detections are then handled by redaction and left out of the score.
   * False (the default) scores every detection, so a guard that cannot
   * redact still blocks leaks.
   */
  redacting?: boolean;
}

/**
 * Applies the policy's thresholds to a guard verdict. The score is the
 * highest score among the detections that count: all of them, or, while
 * redacting, those outside `policy.guard.redact`. Prompt injection,
 * jailbreaks, invisible text, canary leaks and unsafe output always count.
 */
export function evaluateGuardVerdict(
  policy: Policy,
  principalRoles: readonly string[],
  messageRole: MessageRole,
  verdict: Verdict,
  options: GuardEvaluationOptions = {},
): GuardDecision {
  const { thresholds, ruleId } = guardThresholds(policy, principalRoles, messageRole);
  const redacted = options.redacting === true ? policy.guard.redact : [];
  let score = 0;
  let top: string | undefined;
  let counted = 0;
  let skipped = 0;
  for (const d of verdict.detections) {
    if ((redacted as readonly string[]).includes(d.category)) {
      skipped++;
      continue;
    }
    counted++;
    if (top === undefined || d.score > score) {
      score = d.score;
      top = d.type;
    }
  }
  // A verdict score without detections (a plug-in or a future guard) still counts.
  if (verdict.detections.length === 0) score = verdict.score;
  const what = top ? ` (${top})` : '';
  if (score >= thresholds.block) {
    return {
      action: 'block',
      ruleId,
      reason: `${messageRole} text scored ${score.toFixed(2)}${what} ≥ block ${thresholds.block}`,
      thresholds,
    };
  }
  if (score >= thresholds.flag && counted > 0) {
    const action = thresholds.onFlag === 'block' ? 'block' : 'flag';
    return {
      action,
      ruleId,
      reason: `${messageRole} text scored ${score.toFixed(2)}${what} ≥ flag ${thresholds.flag}`,
      thresholds,
    };
  }
  const reason =
    skipped > 0
      ? `${messageRole} text below thresholds; ${skipped} ${policy.guard.redact.join('/')} detection(s) handled by redaction`
      : `${messageRole} text below thresholds`;
  return { action: 'allow', ruleId, reason, thresholds };
}
