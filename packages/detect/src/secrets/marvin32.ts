/**
 * Marvin32, the seeded 64-bit hash Microsoft uses for string hashing and as
 * the embedded checksum of Azure "identifiable" keys. Written from the
 * algorithm as published in SymCrypt (`lib/marvin32.c`) and .NET
 * (`System.Marvin`): the 64-bit seed is split into two 32-bit lanes
 * (low → p0, high → p1); each little-endian 32-bit word of the input is added
 * to p0 followed by one mixing block; the tail (0–3 bytes) is padded with a
 * 0x80 byte into a last word; two more blocks finish. The 64-bit result is
 * `p1 << 32 | p0`; the 32-bit form used by key checksums is `p1 ^ p0`.
 */

/** The two 32-bit lanes after hashing. */
export interface MarvinState {
  p0: number;
  p1: number;
}

function rotl(value: number, shift: number): number {
  return ((value << shift) | (value >>> (32 - shift))) >>> 0;
}

function block(state: MarvinState): void {
  let { p0, p1 } = state;
  p1 = (p1 ^ p0) >>> 0;
  p0 = rotl(p0, 20);
  p0 = (p0 + p1) >>> 0;
  p1 = rotl(p1, 9);
  p1 = (p1 ^ p0) >>> 0;
  p0 = rotl(p0, 27);
  p0 = (p0 + p1) >>> 0;
  p1 = rotl(p1, 19);
  state.p0 = p0;
  state.p1 = p1;
}

/**
 * Marvin32 lanes of `data[0, length)` under `seed` (a 64-bit value given as
 * its high and low 32-bit halves).
 */
export function marvin32(
  data: Uint8Array,
  seedHigh: number,
  seedLow: number,
  length = data.length,
): MarvinState {
  const state: MarvinState = { p0: seedLow >>> 0, p1: seedHigh >>> 0 };
  const words = length >>> 2;
  for (let i = 0; i < words; i++) {
    const o = i * 4;
    const word =
      ((data[o] as number) |
        ((data[o + 1] as number) << 8) |
        ((data[o + 2] as number) << 16) |
        ((data[o + 3] as number) << 24)) >>>
      0;
    state.p0 = (state.p0 + word) >>> 0;
    block(state);
  }
  const tail = words * 4;
  let last = 0x80;
  for (let i = length - 1; i >= tail; i--) last = ((last << 8) | (data[i] as number)) >>> 0;
  state.p0 = (state.p0 + last) >>> 0;
  block(state);
  block(state);
  return state;
}

/** Marvin32 collapsed to 32 bits (`p1 ^ p0`), unsigned. */
export function marvin32Checksum(
  data: Uint8Array,
  seedHigh: number,
  seedLow: number,
  length = data.length,
): number {
  const { p0, p1 } = marvin32(data, seedHigh, seedLow, length);
  return (p0 ^ p1) >>> 0;
}
