import { mix, reserveFeatures, signedBucket, type FeatureBuffer } from './feature-buffer.js';

const CHAR_SALT = 0xc2b2ae3d | 0;
const ROLL_PRIME = 0x01000193;

/** Rolling-hash state of the several-sizes pass, reused between calls (scoring is synchronous). */
const SIZES = new Int32Array(4);
const OUT_POWERS = new Int32Array(4);
const HASHES = new Int32Array(4);
const RING = new Int32Array(8);

/**
 * Emits hashed character n-grams of `lower[from, to)` into `out` (appended):
 * polynomial rolling hashes, one per size (at most 4 sizes, each at most 7),
 * over the text with every whitespace run collapsed to one space and one
 * space of padding on each side; a run of one character counts at most three
 * times, so padding ("-----", "=====") cannot dominate. For each kept unit,
 * the n-grams ending there are emitted in the order of `sizes`. Linear in
 * `to - from`; returns how many features were emitted.
 */
export function emitCharNgrams(
  lower: string,
  from: number,
  to: number,
  sizes: readonly number[],
  out: FeatureBuffer,
  mask: number,
): number {
  const count = Math.min(sizes.length, 4);
  for (let g = 0; g < count; g++) {
    const n = Math.min(7, Math.max(1, sizes[g] ?? 3));
    SIZES[g] = n;
    let power = 1;
    for (let k = 0; k < n; k++) power = Math.imul(power, ROLL_PRIME);
    OUT_POWERS[g] = power;
    HASHES[g] = 0;
  }
  // Each kept unit emits at most one feature per size: reserve once, write unchecked.
  reserveFeatures(out, (to - from + 2) * count);
  const before = out.length;
  out.length =
    count === 1
      ? oneSize(lower, from, to, SIZES[0] ?? 3, OUT_POWERS[0] ?? 1, out, mask)
      : severalSizes(lower, from, to, count, out, mask);
  return out.length - before;
}

function isSpace(code: number): boolean {
  // ASCII first: every unit above 0x20 and below 0xa0 is answered by two comparisons.
  return (
    code <= 0x20 ||
    (code >= 0xa0 && (code === 0xa0 || code === 0x3000 || (code >= 0x2000 && code <= 0x200a)))
  );
}

/**
 * The common case (the shipped model uses one size): rolling state in
 * locals. Sizes up to 4 take the unit leaving the window from the last
 * four kept units, which the run check keeps anyway; larger ones use RING.
 * The padding space before and after the text is handled outside the loop.
 */
function oneSize(
  lower: string,
  from: number,
  to: number,
  n: number,
  outPower: number,
  out: FeatureBuffer,
  mask: number,
): number {
  const features = out.features;
  const salt = CHAR_SALT ^ n;
  const small = n <= 4;
  let length = out.length;
  let lastWasSpace = true;
  let filled = 0;
  let hash = 0;
  // The last four units kept, newest first (0: none yet; a kept non-space unit is above 0x20).
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  let c4 = 0;
  for (let k = from - 1; k <= to; k++) {
    let code = 32;
    if (k >= from && k < to) {
      code = lower.charCodeAt(k);
      if (isSpace(code)) {
        if (lastWasSpace) continue;
        code = 32;
        lastWasSpace = true;
      } else {
        lastWasSpace = false;
        if (code === c1 && code === c2 && code === c3) continue;
      }
    } else {
      // Padding: one space before the text, and after it unless the text ended in one.
      if (k === to && lastWasSpace) continue;
      lastWasSpace = true;
    }
    let leaving = 0;
    if (filled >= n) {
      leaving = small
        ? n === 4
          ? c4
          : n === 3
            ? c3
            : n === 2
              ? c2
              : c1
        : (RING[(filled - n) & 7] ?? 0);
    }
    if (!small) RING[filled & 7] = code;
    filled++;
    c4 = c3;
    c3 = c2;
    c2 = c1;
    c1 = code;
    hash = (Math.imul(hash, ROLL_PRIME) + code - Math.imul(leaving, outPower)) | 0;
    if (filled >= n) features[length++] = signedBucket(mix(hash ^ salt), mask);
  }
  return length;
}

/** Two to four sizes, interleaved per unit (the order training has always used). */
function severalSizes(
  lower: string,
  from: number,
  to: number,
  count: number,
  out: FeatureBuffer,
  mask: number,
): number {
  const features = out.features;
  let length = out.length;
  let lastWasSpace = true;
  let filled = 0;
  let c1 = -1;
  let c2 = -1;
  let c3 = -1;
  for (let k = from - 1; k <= to; k++) {
    let code = k >= from && k < to ? lower.charCodeAt(k) : 32;
    if (isSpace(code)) {
      if (lastWasSpace && k >= from) continue;
      code = 32;
      lastWasSpace = true;
    } else {
      lastWasSpace = false;
      if (code === c1 && code === c2 && code === c3) continue;
    }
    RING[filled & 7] = code;
    filled++;
    c3 = c2;
    c2 = c1;
    c1 = code;
    for (let g = 0; g < count; g++) {
      const n = SIZES[g] ?? 3;
      const leaving = filled > n ? (RING[(filled - 1 - n) & 7] ?? 0) : 0;
      const hash =
        (Math.imul(HASHES[g] ?? 0, ROLL_PRIME) + code - Math.imul(leaving, OUT_POWERS[g] ?? 0)) | 0;
      HASHES[g] = hash;
      if (filled >= n) features[length++] = signedBucket(mix(hash ^ CHAR_SALT ^ n), mask);
    }
  }
  return length;
}
