import type { Severity } from '@bulwark/core';

/**
 * One credential format. `pattern` must be global (`g`) and linear-time on
 * untrusted text (fixed or bounded quantifiers, no nested quantifiers). The
 * secret is capture group `group` when set, else the whole match; the span of
 * a finding is the whole secret. `keywords` (lower case) are a cheap
 * pre-filter: the regex runs only when one of them occurs in the text; an
 * empty list means always run.
 */
export interface SecretRule {
  /** Dotted type, e.g. `secret.github_token`. */
  id: string;
  title: string;
  severity: Severity;
  /** True when the format has a fixed distinctive literal (prefix/marker). */
  prefixed: boolean;
  keywords: readonly string[];
  pattern: RegExp;
  group?: number;
  /**
   * Integrity/structure check of the secret value; `false` drops the match,
   * `'unchecked'` keeps it on layout alone (a variant of the format without a
   * checksum, e.g. a legacy GitLab token).
   */
  validate?: (value: string) => boolean | 'unchecked';
  /** Name of the signal recorded when `validate` passes (e.g. `crc32_checksum`). */
  validation?: string;
  /** Minimum Shannon entropy (bits per char) of the value for it to count. */
  minEntropy?: number;
}

/** Rule metadata other packages (the repo scanner) list and report on. */
export interface SecretRuleInfo {
  id: string;
  title: string;
  severity: Severity;
  prefixed: boolean;
  keywords: readonly string[];
}
