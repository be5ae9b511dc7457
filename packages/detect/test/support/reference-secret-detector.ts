/**
 * `detectSecrets` as it was before rule selection by keyword index (commit
 * d26021e), kept unchanged so property tests can compare the optimised
 * detector with it. Rules and checks are imported from the product code.
 */
import type { Detection, Severity } from '@bulwark/core';
import { isPlaceholderSecret } from '../../src/secrets/allowlist.js';
import { CONTEXTUAL_RULES } from '../../src/secrets/contextual-rules.js';
import { shannonEntropy } from '../../src/secrets/entropy.js';
import { findGenericCredentials } from '../../src/secrets/generic-credentials.js';
import { PREFIXED_RULES } from '../../src/secrets/prefixed-rules/index.js';
import { findPrivateKeyBlocks } from '../../src/secrets/private-key-blocks.js';
import type { SecretCandidate } from '../../src/secrets/secret-candidate.js';
import { SECRET_RULES } from '../../src/secrets/secret-detector.js';
import type { SecretRule } from '../../src/secrets/secret-rule.js';

const REGEX_RULES: readonly SecretRule[] = [...PREFIXED_RULES, ...CONTEXTUAL_RULES];

const INFO_BY_ID = new Map(SECRET_RULES.map((rule) => [rule.id, rule]));

/**
 * Keyword pre-filter: one pass of a literal alternation over the lower-cased
 * text finds which rule keywords occur; a keyword found at a position also
 * counts every shorter keyword that is its prefix (`sk-ant-api` → `sk`).
 */
const KEYWORDS = [...new Set(REGEX_RULES.flatMap((rule) => rule.keywords))].sort(
  (a, b) => b.length - a.length,
);
const KEYWORD_SCAN = new RegExp(
  KEYWORDS.map((k) => k.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|'),
  'g',
);
const PREFIXES_OF = new Map(KEYWORDS.map((k) => [k, KEYWORDS.filter((o) => k.startsWith(o))]));

function presentKeywords(lower: string): Set<string> {
  const present = new Set<string>();
  KEYWORD_SCAN.lastIndex = 0;
  for (;;) {
    const match = KEYWORD_SCAN.exec(lower);
    if (!match) break;
    for (const k of PREFIXES_OF.get(match[0]) ?? []) present.add(k);
    KEYWORD_SCAN.lastIndex = match.index + 1;
  }
  return present;
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
export function referenceDetectSecrets(text: string): Detection[] {
  const lower = text.toLowerCase();
  const found: SecretCandidate[] = [];
  const present = presentKeywords(lower);
  for (const rule of REGEX_RULES) {
    if (rule.keywords.length > 0 && !rule.keywords.some((k) => present.has(k))) continue;
    runRegexRule(rule, text, found);
  }
  if (text.includes('-----BEGIN ')) {
    for (const c of findPrivateKeyBlocks(text)) found.push(c);
  }
  for (const c of findGenericCredentials(text, lower)) found.push(c);
  return mergeCandidates(found).map(toDetection);
}
