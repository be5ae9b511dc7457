/**
 * Finds text hidden in common encodings (base64, hex, URL percent-encoding,
 * ROT13, leetspeak, reversed text) so detectors can scan the decoded content
 * again. Every pattern is a single character-class run or a fixed-width
 * repetition, so matching stays linear in the input (no backtracking
 * blow-ups); decoding is bounded in depth, count and total size.
 */

import { countCueWords, reverseText, rot13, unleet } from './cue-words.js';

export type PayloadEncoding = 'base64' | 'hex' | 'url' | 'rot13' | 'leetspeak' | 'reversed';

/** One decoded segment; `start`/`end` index the text that was searched. */
export interface DecodedPayload {
  encoding: PayloadEncoding;
  start: number;
  end: number;
  text: string;
  /** 1 for a segment found in the searched text, 2+ for one found inside a decoded segment. */
  depth: number;
}

export interface DecodeLimits {
  maxDepth: number;
  maxSegments: number;
  maxDecodedChars: number;
}

export const DEFAULT_DECODE_LIMITS: Readonly<DecodeLimits> = Object.freeze({
  maxDepth: 3,
  maxSegments: 32,
  maxDecodedChars: 65536,
});

const BASE64_MIN = 16;
const HEX_MIN = 16;
const ESCAPED_HEX_RUN = /(?:\\x[0-9A-Fa-f]{2}){6,}/g;
const URL_RUN = /(?:%[0-9A-Fa-f]{2}[^\s%]{0,40}){3,}/g;
/** How far before the first escape a URL-encoded run is extended to pick up its plain prefix. */
const URL_PREFIX = 40;
/** A transform is kept when it reveals at least this many cue words (and more than the text shows). */
const MIN_CUES = 2;

/** Decodes every embedded payload in `text`, recursively up to the limits. */
export function findEncodedPayloads(
  text: string,
  limits: DecodeLimits = DEFAULT_DECODE_LIMITS,
): DecodedPayload[] {
  const found: DecodedPayload[] = [];
  const budget = { chars: limits.maxDecodedChars };
  collect(text, 1, limits, budget, found, 0, text.length);
  return found;
}

function collect(
  text: string,
  depth: number,
  limits: DecodeLimits,
  budget: { chars: number },
  found: DecodedPayload[],
  outerStart: number,
  outerEnd: number,
): void {
  if (depth > limits.maxDepth) return;
  const local: DecodedPayload[] = [];
  const add = (encoding: PayloadEncoding, start: number, end: number, decoded: string): void => {
    if (found.length + local.length >= limits.maxSegments || budget.chars <= 0) return;
    const clipped = decoded.slice(0, budget.chars);
    budget.chars -= clipped.length;
    // Nested segments point at the outermost span, which is what the caller can act on.
    const span = depth === 1 ? { start, end } : { start: outerStart, end: outerEnd };
    local.push({ encoding, ...span, text: clipped, depth });
  };
  const runs = scanRuns(text);
  for (const [start, end] of runs.base64) {
    let stop = end;
    while (stop < text.length && stop - end < 2 && text.charCodeAt(stop) === 0x3d) stop++;
    const run = text.slice(start, stop);
    const decoded = /^[0-9a-f]+$/i.test(run) ? undefined : decodeBase64(run);
    if (decoded !== undefined) add('base64', start, stop, decoded);
  }
  for (const [runStart, runEnd] of runs.hex) {
    const [start, end] = trimToBytePairs(text, runStart, runEnd);
    if (end - start < HEX_MIN) continue;
    const decoded = decodeHex(text.slice(start, end).replace(/[ :]/g, ''));
    if (decoded !== undefined) add('hex', start, end, decoded);
  }
  for (const match of text.includes('\\x') ? text.matchAll(ESCAPED_HEX_RUN) : []) {
    const decoded = decodeHex(match[0].replace(/\\x/g, ''));
    if (decoded !== undefined) add('hex', match.index, match.index + match[0].length, decoded);
  }
  for (const match of text.includes('%') ? text.matchAll(URL_RUN) : []) {
    let start = match.index;
    while (start > 0 && match.index - start < URL_PREFIX && !/[\s%]/.test(text[start - 1] ?? ' '))
      start--;
    const end = match.index + match[0].length;
    const decoded = decodeUrl(text.slice(start, end));
    if (decoded !== undefined) add('url', start, end, decoded);
  }
  addWholeTextTransforms(text, add);
  found.push(...local);
  for (const segment of local) {
    collect(segment.text, depth + 1, limits, budget, found, segment.start, segment.end);
  }
}

/**
 * ROT13, leetspeak and reversal apply to whole texts; kept only when they
 * reveal more cue words than the text shows as is. One pass counts the cue
 * words under every transform, so nothing is materialised unless it pays off.
 */
function addWholeTextTransforms(
  text: string,
  add: (encoding: PayloadEncoding, start: number, end: number, decoded: string) => void,
): void {
  if (text.length > 200_000 || text.length < 12) return;
  const lower = text.toLowerCase();
  const leetHint = hasLeetHint(lower);
  const counts = countCueWords(lower, leetHint);
  const needed = Math.max(MIN_CUES, counts.plain + 1);
  if (counts.rot13 >= needed) add('rot13', 0, text.length, rot13(lower));
  // Leetspeak can only add cues through tokens that decode to one.
  if (counts.leetTokens > 0) {
    const leet = unleet(lower);
    if (countCueWords(leet, false).plain >= needed) add('leetspeak', 0, text.length, leet);
  }
  if (counts.reversed >= needed) add('reversed', 0, text.length, reverseText(lower));
}

/** A symbol a leetspeak hint is built around, followed by a letter (a native scan finds each). */
const LEET_SYMBOL = /[0-9@$|](?=[a-z])/g;

/**
 * Whether `lower` holds a leetspeak hint: a letter, a symbol of `0-9@$|` and
 * a letter, or a symbol of `0-9@$` and two letters (ASCII letters only). The
 * same answer as `/[a-z][0-9@$|][a-z]|[0-9@$][a-z]{2}/.test(lower)`: the
 * symbols followed by a letter are found with a regex (a native scan; prose
 * has few) and only their other neighbours are read.
 */
export function hasLeetHint(lower: string): boolean {
  LEET_SYMBOL.lastIndex = 0;
  for (let match = LEET_SYMBOL.exec(lower); match !== null; match = LEET_SYMBOL.exec(lower)) {
    const k = match.index;
    if (k > 0 && isAsciiLower(lower.charCodeAt(k - 1))) return true;
    if (lower.charCodeAt(k) !== 0x7c && isAsciiLower(lower.charCodeAt(k + 2))) return true;
  }
  return false;
}

/** False for NaN (an index past the end). */
function isAsciiLower(code: number): boolean {
  return code >= 0x61 && code <= 0x7a;
}

/** Drops leading/trailing separator-delimited chunks of odd length ("a 4967…" → "4967…"). */
function trimToBytePairs(text: string, start: number, end: number): [number, number] {
  const chunks = /[^ :]+/g;
  const pieces: [number, number][] = [];
  const slice = text.slice(start, end);
  let match: RegExpExecArray | null;
  while ((match = chunks.exec(slice)) !== null) {
    pieces.push([start + match.index, start + match.index + match[0].length]);
  }
  while (pieces.length > 0 && ((pieces[0]?.[1] ?? 0) - (pieces[0]?.[0] ?? 0)) % 2 === 1)
    pieces.shift();
  while (pieces.length > 0 && ((pieces.at(-1)?.[1] ?? 0) - (pieces.at(-1)?.[0] ?? 0)) % 2 === 1)
    pieces.pop();
  return pieces.length === 0
    ? [start, start]
    : [pieces[0]?.[0] ?? start, pieces.at(-1)?.[1] ?? start];
}

const BASE64_CLASS = 1;
const HEX_CLASS = 2;
/** ASCII character classes: base64 alphabet (incl. URL-safe), hex digits and byte separators. */
const CLASSES = (() => {
  const table = new Uint8Array(128);
  const mark = (chars: string, bit: number) => {
    for (const c of chars) table[c.charCodeAt(0)] = (table[c.charCodeAt(0)] ?? 0) | bit;
  };
  mark('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-', BASE64_CLASS);
  mark('0123456789abcdefABCDEF :', HEX_CLASS);
  return table;
})();

/** Maximal base64 and hex runs of at least the minimum lengths. */
export function scanRuns(text: string): { base64: [number, number][]; hex: [number, number][] } {
  return { base64: runsOf(text, BASE64_CLASS, BASE64_MIN), hex: runsOf(text, HEX_CLASS, HEX_MIN) };
}

function inClass(code: number, bit: number): boolean {
  return code < 128 && ((CLASSES[code] ?? 0) & bit) !== 0;
}

/**
 * Maximal runs of `bit`-class characters at least `min` long. Every such
 * run covers one of the sampled positions (`min − 1`, then `min` past the
 * last position known to lie outside a run), so only samples and the runs
 * around in-class samples are read: prose, whose words are far shorter
 * than `min`, costs a fraction of a full pass. Linear in the text length.
 */
function runsOf(text: string, bit: number, min: number): [number, number][] {
  const runs: [number, number][] = [];
  const length = text.length;
  let at = min - 1;
  while (at < length) {
    if (!inClass(text.charCodeAt(at), bit)) {
      at += min;
      continue;
    }
    let start = at;
    while (start > 0 && inClass(text.charCodeAt(start - 1), bit)) start--;
    let end = at + 1;
    while (end < length && inClass(text.charCodeAt(end), bit)) end++;
    if (end - start >= min) runs.push([start, end]);
    at = end + min;
  }
  return runs;
}

function decodeBase64(run: string): string | undefined {
  const body = run.replace(/=+$/, '');
  if (body.length % 4 === 1) return undefined;
  // A run of letters only is far more likely a long word or identifier than base64.
  if (!/[0-9+/_-]/.test(body) && !(/[A-Z]/.test(body) && /[a-z]/.test(body))) return undefined;
  const bytes = Buffer.from(body.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return printableText(bytes);
}

function decodeHex(hex: string): string | undefined {
  if (hex.length % 2 !== 0) return undefined;
  return printableText(Buffer.from(hex, 'hex'));
}

function decodeUrl(run: string): string | undefined {
  try {
    const decoded = decodeURIComponent(run.replace(/\+/g, ' '));
    return decoded !== run && /[a-z]{3}/i.test(decoded) ? decoded : undefined;
  } catch {
    return undefined;
  }
}

/** UTF-8 text that is mostly printable and contains words, else undefined. */
function printableText(bytes: Buffer): string | undefined {
  if (bytes.length < 6) return undefined;
  const text = bytes.toString('utf8');
  let printable = 0;
  let letters = 0;
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k);
    if (code === 0xfffd) continue;
    if (code >= 0x20 || code === 0x0a || code === 0x0d || code === 0x09) printable++;
    if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code >= 0xc0) {
      letters++;
    }
  }
  if (printable < text.length * 0.95 || letters < text.length * 0.5) return undefined;
  // A second layer of encoding is passed on so the next depth can decode it.
  if (text.length >= 16 && /^[A-Za-z0-9+/_=-]+$/.test(text) && /[0-9+/]/.test(text)) return text;
  return /[a-z][\s,.:;!?-]+[a-z]/i.test(text) ? text : undefined;
}
