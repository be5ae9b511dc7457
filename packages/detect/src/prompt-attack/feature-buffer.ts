/**
 * Hashed features of one window (signed feature hashing): each entry is a
 * bucket index, or its bitwise NOT (`~index`, negative) when the feature's
 * sign is −1. Reused between windows and texts; grows when a window needs more.
 */
export interface FeatureBuffer {
  features: Int32Array;
  length: number;
}

export function createFeatureBuffer(capacity = 4096): FeatureBuffer {
  return { features: new Int32Array(capacity), length: 0 };
}

/**
 * Grows `buffer` so that `more` features fit after its current length; the
 * emitters reserve once per pass and then write without per-feature checks.
 */
export function reserveFeatures(buffer: FeatureBuffer, more: number): void {
  const needed = buffer.length + more;
  if (needed <= buffer.features.length) return;
  let capacity = Math.max(16, buffer.features.length * 2);
  while (capacity < needed) capacity *= 2;
  const grown = new Int32Array(capacity);
  grown.set(buffer.features.subarray(0, buffer.length));
  buffer.features = grown;
}

/** Murmur3-style finaliser so low bits (the bucket) and the top bit (the sign) are independent. */
export function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * The signed bucket entry of a mixed hash under `mask` (see `FeatureBuffer`):
 * `mixed < 0 ? ~(mixed & mask) : mixed & mask`, without a branch (`mixed >> 31`
 * is −1 or 0, and `x ^ −1 === ~x`). The sign is a coin flip per feature, so a
 * branch here would be mispredicted half the time on text not seen before.
 */
export function signedBucket(mixed: number, mask: number): number {
  return (mixed & mask) ^ (mixed >> 31);
}
