/**
 * Word tokens of a lower-cased, normalised text as parallel typed arrays:
 * a 32-bit FNV-1a hash per word and its span. A word is a run of ASCII
 * letters/digits or non-ASCII letters; one pass, no allocation per word.
 */
export interface Tokens {
  count: number;
  hashes: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
}

export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 16777619;

/** ASCII word units (letters and digits) as a lookup table. */
const ASCII_WORD = (() => {
  const table = new Uint8Array(128);
  for (let code = 0; code < 128; code++) {
    const word =
      (code >= 0x61 && code <= 0x7a) ||
      (code >= 0x30 && code <= 0x39) ||
      (code >= 0x41 && code <= 0x5a);
    table[code] = word ? 1 : 0;
  }
  return table;
})();

/** True for the UTF-16 units that belong to words. */
export function isWordCode(code: number): boolean {
  if (code < 0x80) return ASCII_WORD[code] === 1;
  return (
    !(code >= 0x2000 && code <= 0x206f) &&
    !(code >= 0x3000 && code <= 0x303f) &&
    code !== 0xa0 &&
    code !== 0xff0c
  );
}

export function hashWord(word: string): number {
  let h = FNV_OFFSET;
  for (let k = 0; k < word.length; k++) h = Math.imul(h ^ word.charCodeAt(k), FNV_PRIME);
  return h;
}

/**
 * Tokenises `lower`. With `reuse`, the arrays of that earlier result are
 * overwritten when large enough (a scorer that tokenises one text at a time
 * saves three allocations per call); without it, the result is fresh.
 */
export function tokenize(lower: string, reuse?: Tokens): Tokens {
  const capacity = Math.min(lower.length, 1 + (lower.length >> 1));
  const fits = reuse !== undefined && reuse.hashes.length >= capacity;
  const hashes = fits ? reuse.hashes : new Int32Array(capacity);
  const starts = fits ? reuse.starts : new Int32Array(capacity);
  const ends = fits ? reuse.ends : new Int32Array(capacity);
  let count = 0;
  let h = FNV_OFFSET;
  let start = -1;
  const length = lower.length;
  for (let k = 0; k <= length; k++) {
    const code = k < length ? lower.charCodeAt(k) : 32;
    if (isWordCode(code)) {
      if (start < 0) {
        start = k;
        h = FNV_OFFSET;
      }
      h = Math.imul(h ^ code, FNV_PRIME);
    } else if (start >= 0) {
      if (count < capacity) {
        hashes[count] = h;
        starts[count] = start;
        ends[count] = k;
        count++;
      }
      start = -1;
    }
  }
  if (reuse === undefined) return { count, hashes, starts, ends };
  reuse.count = count;
  reuse.hashes = hashes;
  reuse.starts = starts;
  reuse.ends = ends;
  return reuse;
}

/** The case-preserving text aligned with `lower`, or `lower` itself when lower-casing changed the length. */
export function casedFor(text: string, lower: string): string {
  return text.length === lower.length ? text : lower;
}
