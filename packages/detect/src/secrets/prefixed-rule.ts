import type { Severity } from '@bulwark/core';
import type { SecretRule } from './secret-rule.js';

/**
 * Builds a prefixed credential rule: the regex `body` anchored by `head` and
 * `tail` boundaries (character-class contents that may not precede or follow
 * the token), so a match is never a slice of a longer token. Bodies use only
 * bounded quantifiers, so matching is linear in the text length.
 */

export interface RuleOptions {
  /** Characters that may not follow the token (default: word characters). */
  tail?: string;
  /** Characters that may not precede the token (default: word characters). */
  head?: string;
  validate?: (value: string) => boolean | 'unchecked';
  validation?: string;
  minEntropy?: number;
}

export const DASH = 'A-Za-z0-9_\\-';
export const B64 = 'A-Za-z0-9+/=';

export function prefixed(
  id: string,
  title: string,
  severity: Severity,
  keywords: readonly string[],
  body: string,
  options: RuleOptions = {},
): SecretRule {
  const head = options.head ?? 'A-Za-z0-9_';
  const tail = options.tail ?? 'A-Za-z0-9_';
  const rule: SecretRule = {
    id: `secret.${id}`,
    title,
    severity,
    prefixed: true,
    keywords,
    pattern: new RegExp(`(?<![${head}])(${body})(?![${tail}])`, 'g'),
    group: 1,
  };
  if (options.validate) rule.validate = options.validate;
  if (options.validation) rule.validation = options.validation;
  if (options.minEntropy !== undefined) rule.minEntropy = options.minEntropy;
  return rule;
}
