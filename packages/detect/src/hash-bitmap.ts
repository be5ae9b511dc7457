/**
 * A 65,536-bit membership table over the low 16 bits of 32-bit word hashes:
 * the pre-filter in front of the word maps of the cue-word counter and the
 * concept lookup. One bit test rejects nearly every word that is not in the
 * map; a set bit still has to be confirmed by the map (hashes collide).
 */
export type HashBitmap = Int32Array;

export function createHashBitmap(hashes: Iterable<number>): HashBitmap {
  const bits = new Int32Array(2048);
  for (const hash of hashes) {
    bits[(hash >>> 5) & 2047] = (bits[(hash >>> 5) & 2047] ?? 0) | (1 << (hash & 31));
  }
  return bits;
}

/** False only when `hash` is certainly not one of the table's hashes. */
export function mayContain(bits: HashBitmap, hash: number): boolean {
  return ((bits[(hash >>> 5) & 2047] ?? 0) & (1 << (hash & 31))) !== 0;
}
