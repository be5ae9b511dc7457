import type { Decision, Policy, Subject, ToolRule } from './policy.js';
import { conditionsHold } from './conditions.js';
import { compiledMatcher, matchesAny } from './matcher-cache.js';
import { schemaViolation } from './argument-schema.js';

/** A tool call as the model proposed it; `arguments` is the raw JSON string. */
export interface ToolCallObservation {
  name: string;
  arguments: string;
}

/** Tool-call arguments larger than this are denied outright (they are model output). */
const MAX_ARGUMENT_BYTES = 64 * 1024;

/**
 * Decides a tool call: `allow | deny | require_approval`, with the rule.
 * All rules matching the tool name and the subject are evaluated; the most
 * restrictive result wins (deny > require_approval > allow). A matching
 * allow/approval rule whose argument constraints fail yields a deny from
 * that rule. Unparseable arguments and unknown tools are denied.
 */
export function evaluateToolCall(
  policy: Policy,
  subject: Subject,
  call: ToolCallObservation,
): Decision {
  if (call.arguments.length > MAX_ARGUMENT_BYTES) {
    return {
      outcome: 'deny',
      ruleId: 'policy.tool_arguments_too_large',
      reason: `arguments of ${call.name} exceed 64 KiB`,
    };
  }
  let args: unknown;
  try {
    args = call.arguments.trim() === '' ? {} : JSON.parse(call.arguments);
  } catch {
    return {
      outcome: 'deny',
      ruleId: 'policy.tool_arguments_invalid',
      reason: `arguments of ${call.name} are not valid JSON`,
    };
  }
  let best: Decision | undefined;
  for (const rule of policy.tools) {
    if (!matchesAny(rule.tools, call.name) || !conditionsHold(rule.when, subject)) continue;
    const decision = decideRule(rule, call.name, args);
    if (decision.outcome === 'deny') return decision;
    if (!best || (best.outcome === 'allow' && decision.outcome === 'require_approval'))
      best = decision;
  }
  return (
    best ?? {
      outcome: 'deny',
      ruleId: 'policy.default_deny',
      reason: `no policy rule allows tool ${call.name} for roles [${subject.roles.join(', ')}]`,
    }
  );
}

function decideRule(rule: ToolRule, name: string, args: unknown): Decision {
  const deny = (reason: string): Decision => ({ outcome: 'deny', ruleId: rule.id, reason });
  if (rule.effect === 'deny') return deny(rule.reason ?? `rule ${rule.id} denies tool ${name}`);
  if (rule.schema) {
    const violation = schemaViolation(rule.schema, args);
    if (violation) return deny(`${name}: ${violation}`);
  }
  if (rule.deny) {
    for (const pattern of rule.deny) {
      const value = argumentString(args, pattern.argument);
      if (value !== undefined && compiledMatcher(pattern.match)(value)) {
        return deny(
          pattern.reason ?? `${name}: argument ${pattern.argument} matches a denied pattern`,
        );
      }
    }
  }
  if (rule.domains) {
    const value = argumentString(args, rule.domains.argument);
    const host = value === undefined ? undefined : hostOf(value);
    if (
      host === undefined ||
      !rule.domains.allow.some((d) => host === d || host.endsWith(`.${d}`))
    ) {
      return deny(
        `${name}: ${rule.domains.argument} host ${host ?? '(none)'} is not in the allowed domains`,
      );
    }
  }
  if (rule.paths) {
    const value = argumentString(args, rule.paths.argument);
    if (value === undefined || hasTraversal(value) || !matchesAny(rule.paths.allow, value)) {
      return deny(`${name}: ${rule.paths.argument} is not an allowed path`);
    }
  }
  if (rule.commands) {
    const value = argumentString(args, rule.commands.argument);
    const command = value?.trim().split(/\s+/)[0];
    // Shell metacharacters would let a second command ride along an allowed one.
    if (
      command === undefined ||
      /[;&|`$<>\n]/.test(value ?? '') ||
      !rule.commands.allow.includes(command)
    ) {
      return deny(`${name}: command ${command ?? '(none)'} is not allowed`);
    }
  }
  return {
    outcome: rule.effect,
    ruleId: rule.id,
    reason:
      rule.reason ??
      (rule.effect === 'allow'
        ? `rule ${rule.id} allows tool ${name}`
        : `rule ${rule.id} requires approval for tool ${name}`),
  };
}

/** A top-level string argument (or a dotted path into nested objects). */
function argumentString(args: unknown, path: string): string | undefined {
  let value: unknown = args;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === 'string' ? value : undefined;
}

function hostOf(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

function hasTraversal(path: string): boolean {
  return path.split(/[\\/]/).includes('..') || path.includes('\0');
}
