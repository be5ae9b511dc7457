import { createHash } from 'node:crypto';
import type { Location } from './finding.js';

/**
 * Inputs that define a finding's identity. Line numbers are deliberately not
 * part of it: edits above a finding move it without changing it. What does
 * change it: the rule, the file or artifact, the normalised evidence (the
 * code or value that triggered the rule) and, for repeated identical
 * evidence in one file, its ordinal.
 */
export interface FingerprintInput {
  ruleId: string;
  location: Location;
  /** Text that triggered the rule (a line, an expression, a global name). */
  evidence: string;
  /** 0 for the first identical occurrence in the same location, 1 for the next... */
  ordinal?: number;
}

function locationKey(location: Location): string {
  switch (location.kind) {
    case 'file':
      return `file:${location.path}`;
    case 'artifact':
      return `artifact:${location.path}${location.member ? `!/${location.member}` : ''}`;
    case 'endpoint':
      return `endpoint:${location.method ?? ''} ${location.url}`;
  }
}

/** Collapses whitespace so reformatting does not change identity. */
export function normaliseEvidence(evidence: string): string {
  return evidence.replace(/\s+/g, ' ').trim();
}

/**
 * Computes the stable fingerprint used for dedup, baselines and SARIF
 * `partialFingerprints`: 32 hex characters of SHA-256 over the identity
 * fields. The same function is used everywhere a fingerprint is needed.
 */
export function fingerprintFinding(input: FingerprintInput): string {
  const hash = createHash('sha256');
  hash.update(input.ruleId);
  hash.update('\0');
  hash.update(locationKey(input.location));
  hash.update('\0');
  hash.update(normaliseEvidence(input.evidence));
  hash.update('\0');
  hash.update(String(input.ordinal ?? 0));
  return hash.digest('hex').slice(0, 32);
}

/**
 * Assigns ordinals to findings whose identity fields collide and returns the
 * fingerprints in input order; use when a producer emits many findings at once.
 */
export function fingerprintAll(inputs: readonly Omit<FingerprintInput, 'ordinal'>[]): string[] {
  const seen = new Map<string, number>();
  return inputs.map((input) => {
    const key = `${input.ruleId}\0${locationKey(input.location)}\0${normaliseEvidence(input.evidence)}`;
    const ordinal = seen.get(key) ?? 0;
    seen.set(key, ordinal + 1);
    return fingerprintFinding({ ...input, ordinal });
  });
}
