import { createHash, randomBytes } from 'node:crypto';

/**
 * Canary tokens: a random, self-checking marker to embed in a system prompt.
 * If it ever shows up in model output (verbatim, split, re-cased, reversed or
 * encoded), the system prompt leaked (OWASP LLM07:2025, ATLAS AML.T0056).
 * Layout: `BWK-C-` + 16 random hex digits + `-` + 4 hex digits of checksum,
 * so any guard can recognise a token without sharing state.
 */
export const CANARY_PREFIX = 'bwkc';
const RANDOM_HEX = 16;
const CHECK_HEX = 4;
export const CANARY_COMPACT_LENGTH = CANARY_PREFIX.length + RANDOM_HEX + CHECK_HEX;

export function createCanaryToken(random: (size: number) => Buffer = randomBytes): string {
  const body = random(RANDOM_HEX / 2).toString('hex');
  return `BWK-C-${body}-${checksum(body)}`;
}

/** True when `compact` (lower-case letters and digits only) is a well-formed token. */
export function isCanaryCompact(compact: string): boolean {
  if (compact.length !== CANARY_COMPACT_LENGTH || !compact.startsWith(CANARY_PREFIX)) return false;
  const body = compact.slice(CANARY_PREFIX.length, CANARY_PREFIX.length + RANDOM_HEX);
  const check = compact.slice(CANARY_PREFIX.length + RANDOM_HEX);
  return /^[0-9a-f]+$/.test(body) && checksum(body) === check;
}

function checksum(body: string): string {
  return createHash('sha256').update(`bulwark-canary:${body}`).digest('hex').slice(0, CHECK_HEX);
}
