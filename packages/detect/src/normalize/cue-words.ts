/**
 * Cue words: words whose presence after a whole-text transform (ROT13,
 * reversal, leetspeak) suggests the transform revealed an instruction. One
 * linear pass over a lower-cased text counts them as written, ROT13-encoded
 * and reversed, and finds leetspeak tokens that would decode to one, so the
 * transforms themselves run only on the rare texts where they can pay off.
 */

import { createHashBitmap, mayContain } from '../hash-bitmap.js';
/** The cue words as written; a trailing `s?` marks an optional plural. */
const CUE_ENTRIES = [
  'ignore',
  'ignoring',
  'disregard',
  'forget',
  'instructions?',
  'previous',
  'prompt',
  'system',
  'override',
  'bypass',
  'jailbreak',
  'pwned',
  'password',
  'secret',
  'reveal',
  'pretend',
  'unrestricted',
  'restrictions',
] as const;

/** Every cue word form (plurals expanded). */
export const CUE_WORDS: readonly string[] = CUE_ENTRIES.flatMap((entry) =>
  entry.endsWith('s?') ? [entry.slice(0, -2), `${entry.slice(0, -2)}s`] : [entry],
);

export function rot13(text: string): string {
  let out = '';
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k);
    if (code >= 0x61 && code <= 0x7a) out += String.fromCharCode(((code - 0x61 + 13) % 26) + 0x61);
    else if (code >= 0x41 && code <= 0x5a) {
      out += String.fromCharCode(((code - 0x41 + 13) % 26) + 0x41);
    } else out += text[k];
  }
  return out;
}

export function reverseText(text: string): string {
  return [...text].reverse().join('');
}

/** Leetspeak digits and symbols and the letters they stand for. */
const LEET: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
  '@': 'a',
  $: 's',
  '|': 'l',
  '!': 'i',
};

/** Replaces leetspeak digits/symbols by letters inside words that contain letters. */
export function unleet(text: string): string {
  return text.replace(/[a-z0-9@$|!]+/g, (word) =>
    /[a-z]/.test(word) && /[0-9@$|!]/.test(word)
      ? word.replace(/[0-9@$|!]/g, (c) => LEET[c] ?? c)
      : word,
  );
}

/** Which transform a cue form belongs to (bit mask: a word may serve several). */
const PLAIN = 1;
const ROT13 = 2;
const REVERSED = 4;

/** Word → transform bits, keyed first by a hash so most words cost no string allocation. */
const FORMS = new Map<string, number>();
for (const word of CUE_WORDS) {
  for (const [form, bit] of [
    [word, PLAIN],
    [rot13(word), ROT13],
    [reverseText(word), REVERSED],
  ] as const) {
    FORMS.set(form, (FORMS.get(form) ?? 0) | bit);
  }
}
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;
/** The cue forms' hashes: one bit test per word; a set bit is confirmed against the forms. */
const formHashes: number[] = [];
let longest = 0;
for (const form of FORMS.keys()) {
  let h = FNV_OFFSET;
  for (let k = 0; k < form.length; k++) h = Math.imul(h ^ form.charCodeAt(k), FNV_PRIME);
  formHashes.push(h);
  longest = Math.max(longest, form.length);
}
const HASH_BITS = createHashBitmap(formHashes);
const LONGEST_FORM = longest;

/** How many cue words a lower-cased text holds under each transform. */
export interface CueCounts {
  plain: number;
  rot13: number;
  reversed: number;
  /** Tokens with leetspeak digits/symbols that `unleet` would turn into a cue word. */
  leetTokens: number;
}

/** ASCII character classes for the counting pass. */
const REGEX_WORD = 1; // [A-Za-z0-9_]: the `\b` definition of JavaScript regular expressions
const LEET_WORD = 2; // [a-z0-9@$|!]: what `unleet` treats as one word
const LEET_SYMBOL = 4; // [0-9@$|!]: what `unleet` replaces
const CLASSES = (() => {
  const table = new Uint8Array(128);
  const mark = (chars: string, bit: number) => {
    for (const c of chars) table[c.charCodeAt(0)] = (table[c.charCodeAt(0)] ?? 0) | bit;
  };
  const lower = 'abcdefghijklmnopqrstuvwxyz';
  const digits = '0123456789';
  mark(`${lower}${lower.toUpperCase()}${digits}_`, REGEX_WORD);
  mark(`${lower}${digits}@$|!`, LEET_WORD);
  mark(`${digits}@$|!`, LEET_SYMBOL);
  return table;
})();

/**
 * Counts cue words in `lower` (already lower-cased) exactly as a
 * `\b(?:word|…)\b` search would, per transform, in one pass. A word matches
 * only as a whole run of regex word characters, so each run is hashed while
 * scanned and compared to the cue forms only when its hash is one of theirs.
 * Leetspeak tokens are looked for only when `leet` is set.
 */
export function countCueWords(lower: string, leet = true): CueCounts {
  const counts: CueCounts = { plain: 0, rot13: 0, reversed: 0, leetTokens: 0 };
  let wordStart = -1;
  let hash = FNV_OFFSET;
  // Leetspeak tokens (`[a-z0-9@$|!]` runs mixing letters and symbols), tracked in the same pass.
  let leetStart = -1;
  let leetLetters = false;
  let leetSymbols = false;
  for (let k = 0; k <= lower.length; k++) {
    const code = k < lower.length ? lower.charCodeAt(k) : 0x20;
    const bits = code < 128 ? (CLASSES[code] ?? 0) : 0;
    if (bits & REGEX_WORD) {
      if (wordStart < 0) {
        wordStart = k;
        hash = FNV_OFFSET;
      }
      hash = Math.imul(hash ^ code, FNV_PRIME);
    } else if (wordStart >= 0) {
      if (k - wordStart <= LONGEST_FORM && mayContain(HASH_BITS, hash)) {
        const forms = FORMS.get(lower.slice(wordStart, k)) ?? 0;
        if (forms & PLAIN) counts.plain++;
        if (forms & ROT13) counts.rot13++;
        if (forms & REVERSED) counts.reversed++;
      }
      wordStart = -1;
    }
    if (!leet) continue;
    if (bits & LEET_WORD) {
      if (leetStart < 0) {
        leetStart = k;
        leetLetters = false;
        leetSymbols = false;
      }
      if (bits & LEET_SYMBOL) leetSymbols = true;
      else leetLetters = true;
    } else if (leetStart >= 0) {
      if (leetLetters && leetSymbols && k - leetStart <= LONGEST_FORM) {
        if ((FORMS.get(unleet(lower.slice(leetStart, k))) ?? 0) & PLAIN) counts.leetTokens++;
      }
      leetStart = -1;
    }
  }
  return counts;
}
