export type {
  Decision,
  DecisionOutcome,
  Policy,
  Subject,
  Conditions,
  ModelRule,
  ToolRule,
  ResolvedThresholds,
  ToolDefinitionRules,
  RedactableCategory,
} from './policy.js';
export { REDACTABLE_CATEGORIES } from './policy.js';
export type { Matcher } from './matcher.js';
export { compileMatcher, globMatch } from './matcher.js';
export { parsePolicy, loadPolicyText, resolvePolicy, MAX_POLICY_BYTES } from './resolve-policy.js';
export { policySchema, type PolicyDocument } from './policy-schema.js';
export { evaluateModelAccess } from './evaluate-model-access.js';
export {
  evaluateGuardVerdict,
  guardThresholds,
  type GuardDecision,
  type GuardEvaluationOptions,
} from './evaluate-guard.js';
export { evaluateToolCall, type ToolCallObservation } from './evaluate-tool-call.js';
export {
  evaluateToolDefinition,
  type ToolDefinitionObservation,
} from './evaluate-tool-definition.js';
export { defaultPolicy, DEFAULT_POLICY_YAML } from './default-policy.js';
