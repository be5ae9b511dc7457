import type { HiddenRun, NormalizedText } from '../detector.js';
import { CONFUSABLES, invisibleKind } from './unicode-tables.js';

/**
 * Normalises hostile text for detectors that look for meaning, keeping a map
 * from every normalised UTF-16 unit back to the original span it came from:
 *
 * - Unicode NFKC per code point (UAX #15), then Latin diacritics stripped, so
 *   full-width, mathematical and accented letters read as plain ASCII;
 * - zero-width, bidi (UAX #9) and variation-selector characters removed and
 *   recorded as hidden runs;
 * - Unicode tag characters (U+E0020–U+E007E, "ASCII smuggling") decoded to
 *   the ASCII they shadow, kept in the text and recorded as hidden runs;
 * - Cyrillic/Greek look-alikes (UTS #39 confusables) folded to Latin inside
 *   words that also contain Latin letters, so real Cyrillic text is untouched.
 *
 * Linear in the input length; pure ASCII input is returned as is.
 */
export function normalizeText(text: string): NormalizedText {
  if (!NON_ASCII.test(text)) return identityView(text);
  const out: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const hidden: HiddenRun[] = [];
  let sawConfusable = false;
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    if (cp < 0x80) {
      out.push(cp);
      starts.push(i);
      ends.push(i + 1);
      i += 1;
      continue;
    }
    const kind = invisibleKind(cp);
    if (kind !== undefined) {
      let run = hidden[hidden.length - 1];
      if (run === undefined || run.end !== i || run.kind !== kind) {
        run = { kind, start: i, end: i, count: 0, decoded: '' };
        hidden.push(run);
      }
      run.end = i + width;
      run.count += 1;
      if (kind === 'tag' && cp >= 0xe0020 && cp <= 0xe007e) {
        const ascii = cp - 0xe0000;
        if (run.decoded.length < MAX_DECODED_TAGS) run.decoded += String.fromCharCode(ascii);
        out.push(ascii);
        starts.push(i);
        ends.push(i + width);
      }
      i += width;
      continue;
    }
    const folded = foldCodePoint(cp);
    const previous = out[out.length - 1];
    if (folded === '' && previous !== undefined && previous >= 0x80) {
      // A combining mark after a non-Latin letter belongs to that script: keep it.
      pushString(String.fromCodePoint(cp), i, i + width, out, starts, ends);
    } else {
      pushString(folded, i, i + width, out, starts, ends);
    }
    if (CONFUSABLES.has(cp)) sawConfusable = true;
    i += width;
  }
  if (sawConfusable) foldConfusables(out);
  let normalized = '';
  for (let k = 0; k < out.length; k += 8192) {
    normalized += String.fromCharCode(...out.slice(k, k + 8192));
  }
  const originalLength = text.length;
  return {
    text: normalized,
    hidden,
    toOriginalStart: (offset) =>
      offset >= starts.length ? originalLength : offset <= 0 ? 0 : (starts[offset] ?? 0),
    toOriginalEnd: (offset) =>
      offset <= 0 ? 0 : offset > ends.length ? originalLength : (ends[offset - 1] ?? 0),
  };
}

/** Tag runs longer than this are still removed but only this much is kept as decoded text. */
const MAX_DECODED_TAGS = 4096;
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;
const COMBINING = /\p{Mn}/gu;
const foldCache = new Map<number, string>();

function identityView(text: string): NormalizedText {
  const length = text.length;
  return {
    text,
    hidden: [],
    toOriginalStart: (offset) => Math.min(Math.max(offset, 0), length),
    toOriginalEnd: (offset) => Math.min(Math.max(offset, 0), length),
  };
}

/** NFKC of one code point, with Latin diacritics removed (é → e, ﬁ → fi, 𝖾 → e). */
function foldCodePoint(cp: number): string {
  const cached = foldCache.get(cp);
  if (cached !== undefined) return cached;
  const nfkc = String.fromCodePoint(cp).normalize('NFKC');
  const stripped = nfkc.normalize('NFKD').replace(COMBINING, '');
  let folded = nfkc;
  if (stripped !== nfkc && isLatinOnly(stripped)) folded = stripped;
  if (foldCache.size < 65536) foldCache.set(cp, folded);
  return folded;
}

function isLatinOnly(value: string): boolean {
  for (let k = 0; k < value.length; k++) if (value.charCodeAt(k) >= 0x250) return false;
  return true;
}

function pushString(
  value: string,
  start: number,
  end: number,
  out: number[],
  starts: number[],
  ends: number[],
): void {
  for (let k = 0; k < value.length; k++) {
    out.push(value.charCodeAt(k));
    starts.push(start);
    ends.push(end);
  }
}

function isWordUnit(code: number): boolean {
  if (code < 0x80) return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  return (
    !(code >= 0x2000 && code <= 0x206f) && !(code >= 0x3000 && code <= 0x303f) && code !== 0xa0
  );
}

/** Replaces look-alikes by Latin letters inside words that mix them with ASCII letters. */
function foldConfusables(out: number[]): void {
  let k = 0;
  while (k < out.length) {
    if (!isWordUnit(out[k] ?? 0)) {
      k++;
      continue;
    }
    const start = k;
    let hasAscii = false;
    let hasConfusable = false;
    while (k < out.length && isWordUnit(out[k] ?? 0)) {
      const code = out[k] ?? 0;
      if (code < 0x80) hasAscii = true;
      else if (CONFUSABLES.has(code)) hasConfusable = true;
      k++;
    }
    if (!hasAscii || !hasConfusable) continue;
    for (let m = start; m < k; m++) {
      const latin = CONFUSABLES.get(out[m] ?? 0);
      if (latin !== undefined) out[m] = latin.charCodeAt(0);
    }
  }
}
