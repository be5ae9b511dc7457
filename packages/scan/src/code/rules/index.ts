import { agentRules } from './agent-rules.js';
import type { CodeRule } from './code-rule.js';
import { consumptionRules } from './consumption-rules.js';
import { hygieneRules } from './hygiene-rules.js';
import { keyRules } from './key-rules.js';
import { modelLoadingRules } from './model-loading-rules.js';
import { outputSinkRules } from './output-sink-rules.js';
import { promptRules } from './prompt-rules.js';

/** Every AI code rule, in report order. Rule ids are unique (a test checks). */
export const CODE_RULES: readonly CodeRule[] = [
  ...outputSinkRules,
  ...promptRules,
  ...agentRules,
  ...modelLoadingRules,
  ...consumptionRules,
  ...keyRules,
  ...hygieneRules,
];
