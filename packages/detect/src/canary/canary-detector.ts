import type { Detection } from '@bulwark/core';
import type { Detector, DetectorInput, NormalizedText } from '../detector.js';
import { CANARY_COMPACT_LENGTH, CANARY_PREFIX, isCanaryCompact } from './canary-token.js';

/** Encoded runs that may carry a token: base64 (incl. URL-safe) and hex. */
const BASE64_RUN = /[A-Za-z0-9+/_-]{24,}={0,2}/g;
const HEX_RUN = /[0-9A-Fa-f]{40,}/g;
/** Shortest run `BASE64_RUN` matches; every `HEX_RUN` match is such a run too. */
const MIN_ENCODED_RUN = 24;
/** The token prefix read backwards, as it appears in the compact text of a reversed token. */
const REVERSED_PREFIX = [...CANARY_PREFIX].reverse().join('');

/**
 * Finds canary tokens (see `canary-token.ts`) in model output and context:
 * verbatim, with separators or whitespace inserted, re-cased, homoglyph- or
 * width-folded (through the normaliser), reversed, or base64/hex encoded.
 * Not run on `system` or `user` text, where the token is expected or
 * harmless.
 *
 * One pass over the normalised text first decides whether any form can be
 * present (see `scanForCandidates`); text that cannot hold a token returns
 * before the compact text, its offsets or the encoded runs are built.
 */
export class CanaryDetector implements Detector {
  detect(input: DetectorInput): Detection[] {
    if (input.role !== 'output' && input.role !== 'context') return [];
    const normalized = input.normalized();
    const candidates = scanForCandidates(normalized.text);
    if (!candidates.compactPrefix && !candidates.encodedRun) return [];
    const found: Detection[] = [];
    const report = (start: number, end: number, form: string): void => {
      if (found.some((d) => d.start === start && d.end === end)) return;
      found.push({
        detector: 'canary',
        category: 'canary_leak',
        type: `canary_leak.${form}`,
        score: 1,
        severity: 'critical',
        start,
        end,
        refs: ['LLM07:2025', 'AML.T0056', 'AML.T0057'],
        signals: [form],
        message: 'a canary token from the system prompt appears in this text',
      });
    };
    if (candidates.compactPrefix) reportCompactTokens(normalized, report);
    if (candidates.encodedRun) reportEncodedTokens(normalized, report);
    return found;
  }
}

type Report = (start: number, end: number, form: string) => void;

const BASE64_UNIT = 1;
const ALNUM_UNIT = 2;
/** ASCII letters and digits (compact text) and the other base64 characters `+/_-`. */
const CHAR_KINDS = (() => {
  const kinds = new Uint8Array(128);
  for (let code = 0; code < 128; code++) {
    const alnum =
      (code >= 0x30 && code <= 0x39) ||
      (code >= 0x41 && code <= 0x5a) ||
      (code >= 0x61 && code <= 0x7a);
    if (alnum) kinds[code] = BASE64_UNIT | ALNUM_UNIT;
  }
  for (const symbol of '+/_-') kinds[symbol.charCodeAt(0)] = BASE64_UNIT;
  return kinds;
})();

/** Four ASCII characters packed as `last4` holds them. */
function packed(four: string): number {
  let bytes = 0;
  for (let k = 0; k < 4; k++) bytes = (bytes << 8) | four.charCodeAt(k);
  return bytes;
}
if (CANARY_PREFIX.length !== 4) throw new Error('the canary pre-filter packs a 4-character prefix');
const PREFIX_BYTES = packed(CANARY_PREFIX);
const REVERSED_PREFIX_BYTES = packed(REVERSED_PREFIX);

/**
 * Whether the normalised text can hold a token: `compactPrefix` when its
 * compact form (ASCII letters and digits, lower-cased) contains the token
 * prefix forwards or backwards, `encodedRun` when it has a run of base64
 * characters as long as the shortest encoded run the detector decodes. Both
 * are exact necessary conditions of the forms found by `detect`.
 */
function scanForCandidates(text: string): { compactPrefix: boolean; encodedRun: boolean } {
  // The last four compact characters, one byte each, oldest in the high byte.
  let last4 = 0;
  let compactPrefix = false;
  let run = 0;
  let encodedRun = false;
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k);
    const kind = code < 128 ? (CHAR_KINDS[code] ?? 0) : 0;
    if ((kind & BASE64_UNIT) === 0) {
      run = 0;
      continue;
    }
    if (++run >= MIN_ENCODED_RUN) encodedRun = true;
    if ((kind & ALNUM_UNIT) === 0 || compactPrefix) {
      if (compactPrefix && encodedRun) break;
      continue;
    }
    // Upper-case letters fold to lower case; digits already have bit 0x20 set.
    last4 = (last4 << 8) | code | 0x20;
    compactPrefix = last4 === PREFIX_BYTES || last4 === REVERSED_PREFIX_BYTES;
  }
  return { compactPrefix, encodedRun };
}

/** Verbatim (split, re-cased, folded) tokens, then reversed ones, in the compact text. */
function reportCompactTokens(normalized: NormalizedText, report: Report): void {
  const { compact, positions } = compactText(normalized.text);
  const spanOf = (first: number): [number, number] => [
    normalized.toOriginalStart(positions[first] ?? 0),
    normalized.toOriginalEnd((positions[first + CANARY_COMPACT_LENGTH - 1] ?? 0) + 1),
  ];
  for (const at of tokenStarts(compact)) report(...spanOf(at), 'verbatim');
  // A reversed token is the prefix read backwards preceded by the reversed body;
  // reported from the end of the text backwards, as a scan of the reversed text would.
  const reversedStarts: number[] = [];
  for (let at = compact.indexOf(REVERSED_PREFIX); at >= 0;) {
    const first = at + REVERSED_PREFIX.length - CANARY_COMPACT_LENGTH;
    if (first >= 0 && isCanaryCompact(reverse(compact.slice(first, first + CANARY_COMPACT_LENGTH))))
      reversedStarts.push(first);
    at = compact.indexOf(REVERSED_PREFIX, at + 1);
  }
  for (let k = reversedStarts.length - 1; k >= 0; k--) {
    report(...spanOf(reversedStarts[k] ?? 0), 'reversed');
  }
}

/** Base64 (incl. URL-safe) and hex runs whose decoded bytes hold a verbatim token. */
function reportEncodedTokens(normalized: NormalizedText, report: Report): void {
  for (const [pattern, encoding] of [
    [BASE64_RUN, 'base64'],
    [HEX_RUN, 'hex'],
  ] as const) {
    for (const match of normalized.text.matchAll(pattern)) {
      const raw = match[0];
      const bytes =
        encoding === 'hex'
          ? Buffer.from(raw.length % 2 ? raw.slice(0, -1) : raw, 'hex')
          : Buffer.from(raw.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
      if (tokenStarts(compactText(bytes.toString('latin1')).compact).length === 0) continue;
      report(
        normalized.toOriginalStart(match.index),
        normalized.toOriginalEnd(match.index + raw.length),
        encoding,
      );
    }
  }
}

/** Lower-case letters and digits only, with each one's offset in `text`. */
function compactText(text: string): { compact: string; positions: Int32Array } {
  const positions = new Int32Array(text.length);
  const codes = new Uint8Array(text.length);
  let length = 0;
  for (let k = 0; k < text.length; k++) {
    let code = text.charCodeAt(k);
    if (code >= 0x41 && code <= 0x5a) code += 0x20;
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) {
      codes[length] = code;
      positions[length++] = k;
    }
  }
  return { compact: Buffer.from(codes.buffer, 0, length).toString('latin1'), positions };
}

/** `value` (ASCII only) read backwards. */
function reverse(value: string): string {
  let reversed = '';
  for (let k = value.length - 1; k >= 0; k--) reversed += value[k] ?? '';
  return reversed;
}

function tokenStarts(compact: string): number[] {
  const starts: number[] = [];
  let at = compact.indexOf(CANARY_PREFIX);
  while (at >= 0) {
    if (isCanaryCompact(compact.slice(at, at + CANARY_COMPACT_LENGTH))) starts.push(at);
    at = compact.indexOf(CANARY_PREFIX, at + 1);
  }
  return starts;
}
