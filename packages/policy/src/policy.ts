import type { MessageRole } from '@bulwark/core';
import type { Matcher } from './matcher.js';

/** One decision outcome; `require_approval` applies to tool calls only. */
export type DecisionOutcome = 'allow' | 'deny' | 'require_approval';

/** Every evaluation returns the rule that decided it and why. */
export interface Decision {
  outcome: DecisionOutcome;
  /** Rule id from the policy, or a built-in id such as `policy.default_deny`. */
  ruleId: string;
  reason: string;
}

export interface Conditions {
  roles?: readonly string[];
  tenants?: readonly Matcher[];
  environments?: readonly string[];
  classifications?: readonly string[];
  hoursUtc?: { from: number; to: number };
}

export interface ModelRule {
  id: string;
  models: readonly Matcher[];
  effect: 'allow' | 'deny';
  when?: Conditions;
  reason?: string;
}

/** Detection categories the guard can redact (and the vault restore). */
export const REDACTABLE_CATEGORIES = ['secret', 'pii'] as const;
export type RedactableCategory = (typeof REDACTABLE_CATEGORIES)[number];

export interface ResolvedThresholds {
  flag: number;
  block: number;
  onFlag: 'allow' | 'block';
}

export interface ToolRule {
  id: string;
  tools: readonly Matcher[];
  effect: DecisionOutcome;
  when?: Conditions;
  reason?: string;
  schema?: Readonly<Record<string, unknown>>;
  domains?: { argument: string; allow: readonly string[] };
  paths?: { argument: string; allow: readonly Matcher[] };
  commands?: { argument: string; allow: readonly string[] };
  deny?: readonly { argument: string; match: Matcher; reason?: string }[];
}

export interface ToolDefinitionRules {
  maxDescriptionLength: number;
  deny: readonly { id: string; description: Matcher; reason?: string }[];
}

/**
 * A resolved policy: frozen plain data (no functions, no classes), built once
 * by `resolvePolicy` and passed to the pure `evaluate*` functions.
 */
export interface Policy {
  version: 1;
  models: readonly ModelRule[];
  guard: {
    defaults: Readonly<Record<MessageRole, ResolvedThresholds>>;
    roles: Readonly<Record<string, Partial<Record<MessageRole, ResolvedThresholds>>>>;
    /** Categories redacted rather than scored when redaction is on (default: secret, pii). */
    redact: readonly RedactableCategory[];
  };
  tools: readonly ToolRule[];
  toolDefinitions: ToolDefinitionRules;
}

/** Who is asking, as the policy sees it. */
export interface Subject {
  tenant: string;
  roles: readonly string[];
  environment?: string;
  classification?: string;
  /** Evaluation time; defaults to now. Passed in so evaluation stays pure. */
  now?: Date;
}
