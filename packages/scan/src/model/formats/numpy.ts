import type { ByteSource } from '../byte-source.js';

/**
 * NumPy `.npy` header (numpy/lib/format.py, versions 1.0–3.0): returns where
 * the array data starts and whether the dtype holds Python objects (then the
 * data is a pickle).
 */
export type NpyHeader =
  | { ok: true; dataOffset: number; objectDtype: boolean; descr: string }
  | { ok: false; reason: string };

export function readNpyHeader(source: ByteSource): NpyHeader {
  const head = source.read(0, 12);
  if (
    head.length < 10 ||
    head[0] !== 0x93 ||
    Buffer.from(head.subarray(1, 6)).toString('latin1') !== 'NUMPY'
  ) {
    return { ok: false, reason: 'not an .npy file' };
  }
  const major = head[6] ?? 0;
  if (major < 1 || major > 3) return { ok: false, reason: `unsupported .npy version ${major}` };
  const dv = new DataView(head.buffer, head.byteOffset, head.length);
  const headerLength =
    major === 1 ? dv.getUint16(8, true) : head.length >= 12 ? dv.getUint32(8, true) : -1;
  const start = major === 1 ? 10 : 12;
  if (headerLength < 0 || headerLength > 1 << 20 || start + headerLength > source.size) {
    return { ok: false, reason: '.npy header length is implausible' };
  }
  const header = Buffer.from(source.read(start, headerLength)).toString(
    major === 3 ? 'utf8' : 'latin1',
  );
  const at = header.indexOf('descr');
  if (at < 0) return { ok: false, reason: '.npy header has no descr' };
  const shapeAt = header.indexOf("'fortran_order'", at);
  const descr = header.slice(at, shapeAt > at ? shapeAt : at + 4096);
  return {
    ok: true,
    dataOffset: start + headerLength,
    objectDtype: descr.includes("'O") || descr.includes('|O'),
    descr: descr.slice(0, 200),
  };
}
