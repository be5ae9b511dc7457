import type { Verdict } from '@bulwark/core';
import type { Decision, Policy } from './policy.js';
import { compiledMatcher } from './matcher-cache.js';
import { evaluateGuardVerdict } from './evaluate-guard.js';

/** A tool the application offers to the model. */
export interface ToolDefinitionObservation {
  name: string;
  description: string;
}

/**
 * Checks a tool definition before it reaches the model: a poisoned tool
 * description is prompt injection (LLM01:2025, MCP tool poisoning). Denies
 * on an over-long description, a policy deny pattern, or a guard verdict
 * over the `context` block threshold. PII and secrets in a description (a
 * support address, say) are data the application wrote, not an attack: the
 * `guard.redact` categories do not count here.
 */
export function evaluateToolDefinition(
  policy: Policy,
  tool: ToolDefinitionObservation,
  verdict?: Verdict,
): Decision {
  const rules = policy.toolDefinitions;
  if (tool.description.length > rules.maxDescriptionLength) {
    return {
      outcome: 'deny',
      ruleId: 'tool_definitions.max_description_length',
      reason: `description of tool ${tool.name} is longer than ${rules.maxDescriptionLength} characters`,
    };
  }
  for (const rule of rules.deny) {
    if (compiledMatcher(rule.description)(tool.description)) {
      return {
        outcome: 'deny',
        ruleId: rule.id,
        reason: rule.reason ?? `description of tool ${tool.name} matches ${rule.id}`,
      };
    }
  }
  if (verdict) {
    const decision = evaluateGuardVerdict(policy, [], 'context', verdict, { redacting: true });
    if (decision.action === 'block') {
      return {
        outcome: 'deny',
        ruleId: 'tool_definitions.guard',
        reason: `description of tool ${tool.name} was blocked by the guard: ${decision.reason}`,
      };
    }
  }
  return {
    outcome: 'allow',
    ruleId: 'tool_definitions.ok',
    reason: `tool ${tool.name} definition passed checks`,
  };
}
