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

/** True for the UTF-16 units that belong to words. */
export function isWordCode(code: number): boolean {
  if (code < 0x80) {
    return (
      (code >= 0x61 && code <= 0x7a) ||
      (code >= 0x30 && code <= 0x39) ||
      (code >= 0x41 && code <= 0x5a)
    );
  }
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

export function tokenize(lower: string): Tokens {
  const capacity = Math.min(lower.length, 1 + (lower.length >> 1));
  const hashes = new Int32Array(capacity);
  const starts = new Int32Array(capacity);
  const ends = new Int32Array(capacity);
  let count = 0;
  let h = FNV_OFFSET;
  let start = -1;
  for (let k = 0; k <= lower.length; k++) {
    const code = k < lower.length ? lower.charCodeAt(k) : 32;
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
  return { count, hashes, starts, ends };
}

/** The case-preserving text aligned with `lower`, or `lower` itself when lower-casing changed the length. */
export function casedFor(text: string, lower: string): string {
  return text.length === lower.length ? text : lower;
}
