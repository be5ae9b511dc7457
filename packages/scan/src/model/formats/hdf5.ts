import type { ByteSource } from '../byte-source.js';

/**
 * Finds Keras JSON attributes (`model_config`, `training_config`) in an HDF5
 * file without an HDF5 library: attribute values are stored as contiguous
 * strings (in the object header or a fractal heap), so a bounded byte search
 * for the JSON object that starts with `{"class_name"` or `{"module"` and a
 * brace-matching parse (aware of JSON strings) recovers them. Searches the
 * first 256 MiB and last 16 MiB of the file.
 */
export const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
const HEAD_LIMIT = 256 << 20;
const TAIL_LIMIT = 16 << 20;
const CHUNK = 4 << 20;
const MAX_JSON = 64 << 20;
const MAX_ATTEMPTS = 64;
const NEEDLES = ['{"class_name"', '{"module"'].map((s) => Buffer.from(s));

export function isHdf5(source: ByteSource): boolean {
  for (const offset of [0, 512, 1024, 2048]) {
    const b = source.read(offset, 8);
    if (b.length === 8 && HDF5_SIGNATURE.every((v, i) => b[i] === v)) return true;
  }
  return false;
}

function jsonEnd(source: ByteSource, start: number): number | undefined {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let pos = start; pos < Math.min(source.size, start + MAX_JSON);) {
    const chunk = source.read(pos, 1 << 20);
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i] ?? 0;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 0x5c) escaped = true;
        else if (c === 0x22) inString = false;
      } else if (c === 0x22) inString = true;
      else if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) {
        depth--;
        if (depth === 0) return pos + i + 1;
      } else if (c === 0) return undefined;
    }
    pos += chunk.length;
    if (chunk.length === 0) break;
  }
  return undefined;
}

/** JSON configs found in the file (parsed), in file order. */
export function findHdf5JsonAttributes(source: ByteSource): unknown[] {
  const found: unknown[] = [];
  let attempts = 0;
  const ranges: [number, number][] = [[0, Math.min(source.size, HEAD_LIMIT)]];
  if (source.size > HEAD_LIMIT)
    ranges.push([Math.max(HEAD_LIMIT, source.size - TAIL_LIMIT), source.size]);
  for (const [from, to] of ranges) {
    let resumeAt = from;
    for (let pos = from; pos < to; pos += CHUNK) {
      const bytes = source.read(pos, Math.min(CHUNK + 16, to - pos));
      const chunk = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
      for (const needle of NEEDLES) {
        let at = chunk.indexOf(needle);
        while (at >= 0 && at < CHUNK) {
          if (pos + at >= resumeAt) {
            // Each attempt may scan far; a hostile file full of needles must not hang the scan.
            if (++attempts > MAX_ATTEMPTS) return found;
            const end = jsonEnd(source, pos + at);
            if (end !== undefined) {
              try {
                found.push(
                  JSON.parse(Buffer.from(source.read(pos + at, end - pos - at)).toString('utf8')),
                );
                resumeAt = end;
              } catch {
                // Not JSON after all: keep searching.
              }
            }
          }
          if (found.length > 16) return found;
          at = chunk.indexOf(needle, at + 1);
        }
      }
    }
  }
  return found;
}
