import type { Detection } from '@bulwark/core';
import type { Detector, DetectorInput } from '../../src/detector.js';
import {
  CANARY_COMPACT_LENGTH,
  CANARY_PREFIX,
  isCanaryCompact,
} from '../../src/canary/canary-token.js';

/** Encoded runs that may carry a token: base64 (incl. URL-safe) and hex. */
const BASE64_RUN = /[A-Za-z0-9+/_-]{24,}={0,2}/g;
const HEX_RUN = /[0-9A-Fa-f]{40,}/g;

/**
 * The canary detector as it was before its pre-filter (commit d26021e), kept
 * unchanged so property tests can compare the optimised detector with it.
 *
 * Finds canary tokens (see `canary-token.ts`) in model output and context:
 * verbatim, with separators or whitespace inserted, re-cased, homoglyph- or
 * width-folded (through the normaliser), reversed, or base64/hex encoded.
 * Not run on `system` or `user` text, where the token is expected or
 * harmless.
 */
export class ReferenceCanaryDetector implements Detector {
  detect(input: DetectorInput): Detection[] {
    if (input.role !== 'output' && input.role !== 'context') return [];
    const normalized = input.normalized();
    const { compact, positions } = compactText(normalized.text);
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
    for (const at of tokenStarts(compact)) {
      report(
        normalized.toOriginalStart(positions[at] ?? 0),
        normalized.toOriginalEnd((positions[at + CANARY_COMPACT_LENGTH - 1] ?? 0) + 1),
        'verbatim',
      );
    }
    const reversed = [...compact].reverse().join('');
    for (const at of tokenStarts(reversed)) {
      const first = compact.length - at - CANARY_COMPACT_LENGTH;
      report(
        normalized.toOriginalStart(positions[first] ?? 0),
        normalized.toOriginalEnd((positions[first + CANARY_COMPACT_LENGTH - 1] ?? 0) + 1),
        'reversed',
      );
    }
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
    return found;
  }
}

/** Lower-case letters and digits only, with each one's offset in `text`. */
function compactText(text: string): { compact: string; positions: Int32Array } {
  const positions = new Int32Array(text.length);
  let compact = '';
  let length = 0;
  for (let k = 0; k < text.length; k++) {
    let code = text.charCodeAt(k);
    if (code >= 0x41 && code <= 0x5a) code += 0x20;
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) {
      compact += String.fromCharCode(code);
      positions[length++] = k;
    }
  }
  return { compact, positions };
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
