import type { Detection, Severity } from '@bulwark/core';
import type { Detector, DetectorInput } from '../detector.js';
import { isPlaceholderSecret } from './allowlist.js';
import { CONTEXTUAL_RULES, GENERIC_RULE_INFO } from './contextual-rules.js';
import { shannonEntropy } from './entropy.js';
import { findGenericCredentials } from './generic-credentials.js';
import { PREFIXED_RULES } from './prefixed-rules/index.js';
import { findPrivateKeyBlocks } from './private-key-blocks.js';
import type { SecretCandidate } from './secret-candidate.js';
import type { SecretRule, SecretRuleInfo } from './secret-rule.js';

const REGEX_RULES: readonly SecretRule[] = [...PREFIXED_RULES, ...CONTEXTUAL_RULES];

/** Every secret rule's metadata: id (`secret.github_token`), title, severity, prefixed, keywords. */
export const SECRET_RULES: readonly SecretRuleInfo[] = [
  ...REGEX_RULES.map(({ id, title, severity, prefixed, keywords }) => ({
    id,
    title,
    severity,
    prefixed,
    keywords,
  })),
  ...GENERIC_RULE_INFO,
];

const INFO_BY_ID = new Map(SECRET_RULES.map((rule) => [rule.id, rule]));

/**
 * Keyword pre-filter: one pass of a literal alternation over the lower-cased
 * text finds which rule keywords occur; a keyword found at a position also
 * counts every shorter keyword that is its prefix (`sk-ant-api` → `sk`).
 * Each matched keyword maps to the indexes of the rules it (or one of its
 * prefixes) enables, so text without any keyword costs one regex pass.
 */
const KEYWORDS = [...new Set(REGEX_RULES.flatMap((rule) => rule.keywords))].sort(
  (a, b) => b.length - a.length,
);
const KEYWORD_SCAN = new RegExp(
  KEYWORDS.map((k) => k.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|'),
  'g',
);
const RULES_ENABLED_BY = new Map(
  KEYWORDS.map((matched) => [
    matched,
    REGEX_RULES.flatMap((rule, index) =>
      rule.keywords.some((k) => matched.startsWith(k)) ? [index] : [],
    ),
  ]),
);
/** Rules without keywords: they run on every text. */
const UNCONDITIONAL_RULES = REGEX_RULES.filter((rule) => rule.keywords.length === 0);

/** Flags per rule of `REGEX_RULES` whose keywords occur, or undefined when none does. */
function enabledRules(lower: string): Uint8Array | undefined {
  let enabled: Uint8Array | undefined;
  KEYWORD_SCAN.lastIndex = 0;
  for (;;) {
    const match = KEYWORD_SCAN.exec(lower);
    if (!match) break;
    enabled ??= new Uint8Array(REGEX_RULES.length);
    for (const index of RULES_ENABLED_BY.get(match[0]) ?? []) enabled[index] = 1;
    KEYWORD_SCAN.lastIndex = match.index + 1;
  }
  return enabled;
}

function runRegexRule(rule: SecretRule, text: string, found: SecretCandidate[]): void {
  rule.pattern.lastIndex = 0;
  for (;;) {
    const match = rule.pattern.exec(text);
    if (!match) break;
    const value = rule.group === undefined ? match[0] : (match[rule.group] ?? '');
    const start = match.index + (rule.group === undefined ? 0 : match[0].indexOf(value));
    if (isPlaceholderSecret(value)) continue;
    if (rule.minEntropy !== undefined && shannonEntropy(value) < rule.minEntropy) continue;
    const signals = [rule.prefixed ? 'prefix' : 'format'];
    const verdict = rule.validate ? rule.validate(value) : 'unchecked';
    if (verdict === false) continue;
    if (verdict === true && rule.validation) signals.push(rule.validation);
    found.push({
      ruleId: rule.id,
      start,
      end: start + value.length,
      score: verdict === true ? 0.99 : rule.prefixed ? 0.95 : 0.85,
      signals,
    });
  }
}

/** Merges overlapping candidates into one span typed by the most confident rule. */
function mergeCandidates(candidates: SecretCandidate[]): SecretCandidate[] {
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: SecretCandidate[] = [];
  for (const c of candidates) {
    const last = merged[merged.length - 1];
    if (last && c.start < last.end) {
      const best = c.score > last.score ? c : last;
      merged[merged.length - 1] = {
        ruleId: best.ruleId,
        start: last.start,
        end: Math.max(last.end, c.end),
        score: best.score,
        signals: best.signals,
      };
      continue;
    }
    merged.push(c);
  }
  return merged;
}

function toDetection(c: SecretCandidate): Detection {
  const info = INFO_BY_ID.get(c.ruleId);
  const severity: Severity = info?.severity ?? 'high';
  return {
    detector: 'secrets',
    category: 'secret',
    type: c.ruleId,
    score: c.score,
    severity,
    start: c.start,
    end: c.end,
    refs: ['LLM02:2025'],
    signals: c.signals,
    message: `${info?.title ?? 'Secret'} (${c.end - c.start} characters)`,
  };
}

/**
 * Finds credentials in `text` (the ORIGINAL text: spans are exact). Each
 * rule's regex runs only when one of its keywords occurs (a lower-cased
 * substring test), then values pass checksum, structure, entropy and
 * allowlist checks. Messages describe the finding and never echo the value.
 */
export function detectSecrets(text: string): Detection[] {
  const lower = text.toLowerCase();
  const found: SecretCandidate[] = [];
  const enabled = enabledRules(lower);
  if (enabled === undefined) {
    for (const rule of UNCONDITIONAL_RULES) runRegexRule(rule, text, found);
  } else {
    for (let index = 0; index < REGEX_RULES.length; index++) {
      const rule = REGEX_RULES[index] as SecretRule;
      if (rule.keywords.length > 0 && enabled[index] !== 1) continue;
      runRegexRule(rule, text, found);
    }
  }
  if (text.includes('-----BEGIN ')) {
    for (const c of findPrivateKeyBlocks(text)) found.push(c);
  }
  for (const c of findGenericCredentials(text, lower)) found.push(c);
  return mergeCandidates(found).map(toDetection);
}

/** The `secrets` detector: credentials in any role's text. */
export class SecretDetector implements Detector {
  detect(input: DetectorInput): Detection[] {
    return detectSecrets(input.text);
  }
}
