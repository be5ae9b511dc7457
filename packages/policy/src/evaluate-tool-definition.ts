import type { Verdict } from '@bulwark/core';
import type { Decision, Policy } from './policy.js';
import { compiledMatcher } from './matcher-cache.js';

/** A tool the application offers to the model. */
export interface ToolDefinitionObservation {
  name: string;
  description: string;
}

/**
 * Checks a tool definition before it reaches the model: a poisoned tool
 * description is prompt injection (LLM01:2025, MCP tool poisoning). Denies
 * on an over-long description, a policy deny pattern, or a guard verdict of
 * `block` on the description scanned as `context`.
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
  if (verdict && verdict.action === 'block') {
    const type = verdict.detections[0]?.type ?? 'guard';
    return {
      outcome: 'deny',
      ruleId: 'tool_definitions.guard',
      reason: `description of tool ${tool.name} was blocked by the guard (${type})`,
    };
  }
  return {
    outcome: 'allow',
    ruleId: 'tool_definitions.ok',
    reason: `tool ${tool.name} definition passed checks`,
  };
}
