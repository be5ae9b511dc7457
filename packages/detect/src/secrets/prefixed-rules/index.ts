import type { SecretRule } from '../secret-rule.js';
import { AI_PROVIDER_RULES } from './ai-provider-rules.js';
import { CLOUD_RULES } from './cloud-rules.js';
import { COLLABORATION_RULES } from './collaboration-rules.js';
import { MESSAGING_RULES } from './messaging-rules.js';
import { PAYMENT_RULES } from './payment-rules.js';
import { SOURCE_CONTROL_RULES } from './source-control-rules.js';
import { STRUCTURED_TOKEN_RULES } from './structured-token-rules.js';

/**
 * Credential formats with a fixed distinctive literal (prefix, marker or
 * signature), written from the public formats their issuers document (see
 * docs/leak-detection.md for sources). Each body below is anchored by
 * boundaries so a match is never a slice of a longer token, and each uses
 * only bounded quantifiers, so matching is linear in the text length.
 *
 * The families are concatenated in a fixed order, which is part of the
 * behaviour: where two rules match overlapping text, the earlier one wins.
 */
export const PREFIXED_RULES: readonly SecretRule[] = [
  ...SOURCE_CONTROL_RULES,
  ...CLOUD_RULES,
  ...AI_PROVIDER_RULES,
  ...COLLABORATION_RULES,
  ...PAYMENT_RULES,
  ...MESSAGING_RULES,
  ...STRUCTURED_TOKEN_RULES,
];
