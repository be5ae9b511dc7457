import { SliceByteSource, type ByteSource } from '../byte-source.js';

/**
 * A ustar/pax/GNU tar reader (POSIX.1-2001 pax, GNU long names `L`). Entries
 * are windows over the source, never copied. Header checksums are verified.
 */
export interface TarEntry {
  name: string;
  type: 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';
  linkName: string;
  source: ByteSource;
}

export type TarResult =
  | { ok: true; entries: TarEntry[]; anomalies: string[] }
  | { ok: false; reason: string; limit: boolean };

function text(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  return Buffer.from(nul >= 0 ? bytes.subarray(0, nul) : bytes).toString('utf8');
}

function octal(bytes: Uint8Array): number {
  if (((bytes[0] ?? 0) & 0x80) !== 0) {
    let value = 0;
    for (let i = 1; i < bytes.length; i++) value = value * 256 + (bytes[i] ?? 0);
    return value;
  }
  const digits = text(bytes).trim();
  return digits === '' ? 0 : Number.parseInt(digits, 8);
}

export function looksLikeTar(head: Uint8Array): boolean {
  if (head.length < 512) return false;
  const magic = Buffer.from(head.subarray(257, 262)).toString('latin1');
  if (magic === 'ustar') return true;
  return checksumOk(head) && head[0] !== 0;
}

function checksumOk(header: Uint8Array): boolean {
  const stored = octal(header.subarray(148, 156));
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : (header[i] ?? 0);
  return sum === stored;
}

function paxRecords(bytes: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  const body = Buffer.from(bytes).toString('utf8');
  let pos = 0;
  while (pos < body.length) {
    const space = body.indexOf(' ', pos);
    if (space < 0) break;
    const length = Number.parseInt(body.slice(pos, space), 10);
    if (!Number.isInteger(length) || length <= 0) break;
    const record = body.slice(space + 1, pos + length - 1);
    const eq = record.indexOf('=');
    if (eq > 0) out.set(record.slice(0, eq), record.slice(eq + 1));
    pos += length;
  }
  return out;
}

export function readTar(source: ByteSource, maxEntries: number): TarResult {
  const entries: TarEntry[] = [];
  const anomalies: string[] = [];
  let pos = 0;
  let longName: string | undefined;
  let pax = new Map<string, string>();
  while (pos + 512 <= source.size) {
    const header = source.read(pos, 512);
    if (header.every((b) => b === 0)) break;
    if (!checksumOk(header)) {
      if (entries.length === 0)
        return { ok: false, reason: 'tar header checksum mismatch', limit: false };
      anomalies.push(`tar header checksum mismatch at offset ${pos}; stopped`);
      break;
    }
    const size = octal(header.subarray(124, 136));
    const flag = String.fromCharCode(header[156] ?? 0);
    const dataStart = pos + 512;
    if (!Number.isSafeInteger(size) || dataStart + size > source.size) {
      anomalies.push(`tar entry at offset ${pos} runs past the end of the file`);
      if (entries.length === 0) return { ok: false, reason: 'truncated tar entry', limit: false };
      break;
    }
    pos = dataStart + Math.ceil(size / 512) * 512;
    if (flag === 'L') {
      longName = text(source.read(dataStart, Math.min(size, 65536)));
      continue;
    }
    if (flag === 'x') {
      pax = paxRecords(source.read(dataStart, Math.min(size, 1 << 20)));
      continue;
    }
    if (flag === 'g') continue;
    const prefix = text(header.subarray(345, 500));
    const baseName = text(header.subarray(0, 100));
    const name =
      pax.get('path') ?? longName ?? (prefix !== '' ? `${prefix}/${baseName}` : baseName);
    const linkName = pax.get('linkpath') ?? text(header.subarray(157, 257));
    const realSize = pax.has('size') ? Number(pax.get('size')) : size;
    longName = undefined;
    pax = new Map();
    const type =
      flag === '0' || flag === '\0' || flag === '7'
        ? 'file'
        : flag === '5'
          ? 'directory'
          : flag === '2'
            ? 'symlink'
            : flag === '1'
              ? 'hardlink'
              : 'other';
    if (entries.length >= maxEntries)
      return { ok: false, reason: `tar has more than ${maxEntries} entries`, limit: true };
    entries.push({
      name,
      type,
      linkName,
      source: new SliceByteSource(source, dataStart, Math.min(realSize, size)),
    });
  }
  return { ok: true, entries, anomalies };
}
