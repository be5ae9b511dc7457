import { crc32 } from 'node:zlib';
import { SliceByteSource, type ByteSource } from '../byte-source.js';

/**
 * A lenient zip reader in the spirit of PyTorch's loader (miniz): it trusts
 * the central directory (APPNOTE.TXT 6.3.10 §4.3.12), tolerates a prefix
 * before the archive, bad CRCs, local/central name mismatches and corrupt
 * sibling entries, and reports each of those as an anomaly instead of
 * failing. Zip64 records (§4.3.14–4.3.15, extra field 0x0001) are supported.
 */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Absolute offset of the entry's data in the source. */
  dataOffset: number;
  isSymlink: boolean;
  isDirectory: boolean;
}

export interface ZipListing {
  entries: ZipEntry[];
  anomalies: string[];
}

export type ZipResult =
  { ok: true; listing: ZipListing } | { ok: false; reason: string; limit: boolean };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function u64(dv: DataView, at: number): number {
  return Number(dv.getBigUint64(at, true));
}

/** True when the source ends with (or starts with) a zip structure. */
export function hasZipEnd(source: ByteSource): boolean {
  return findEocd(source) !== undefined;
}

function findEocd(source: ByteSource): number | undefined {
  const tailLength = Math.min(source.size, 22 + 65535);
  const tailStart = source.size - tailLength;
  const tail = source.read(tailStart, tailLength);
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail[i] === 0x50 && tail[i + 1] === 0x4b && tail[i + 2] === 0x05 && tail[i + 3] === 0x06) {
      return tailStart + i;
    }
  }
  return undefined;
}

export function readZip(source: ByteSource, maxEntries: number): ZipResult {
  const anomalies: string[] = [];
  const eocdAt = findEocd(source);
  if (eocdAt === undefined)
    return { ok: false, reason: 'no zip end-of-central-directory record', limit: false };
  const eocd = view(source.read(eocdAt, 22));
  if (eocd.getUint32(0, true) !== EOCD)
    return { ok: false, reason: 'corrupt end record', limit: false };
  let count = eocd.getUint16(10, true);
  let cdSize = eocd.getUint32(12, true);
  let cdOffset = eocd.getUint32(16, true);
  let cdEnd = eocdAt;
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locator = view(source.read(eocdAt - 20, 20));
    if (locator.byteLength === 20 && locator.getUint32(0, true) === ZIP64_LOCATOR) {
      const recordAt = u64(locator, 8);
      const record = view(source.read(recordAt, 56));
      if (record.byteLength === 56 && record.getUint32(0, true) === ZIP64_EOCD) {
        count = u64(record, 32);
        cdSize = u64(record, 40);
        cdOffset = u64(record, 48);
        cdEnd = recordAt;
      } else {
        anomalies.push('zip64 locator points at no zip64 end record');
      }
    }
  }
  if (count > maxEntries) {
    return {
      ok: false,
      reason: `zip declares ${count} entries, over the limit of ${maxEntries}`,
      limit: true,
    };
  }
  // Bytes prepended to the archive shift every offset (Python zipfile's `concat`).
  const shift = Math.max(0, cdEnd - cdSize - cdOffset);
  if (shift > 0) anomalies.push(`${shift} bytes precede the zip data`);
  if (cdOffset + shift + cdSize > source.size) {
    return { ok: false, reason: 'central directory lies outside the file', limit: false };
  }
  const directory = source.read(cdOffset + shift, cdSize);
  const dv = view(directory);
  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let pos = 0;
  for (let index = 0; index < count; index++) {
    if (pos + 46 > directory.length || dv.getUint32(pos, true) !== CENTRAL) {
      anomalies.push(`central directory ends after ${index} of ${count} entries`);
      break;
    }
    const madeBy = dv.getUint16(pos + 4, true);
    const flags = dv.getUint16(pos + 8, true);
    const method = dv.getUint16(pos + 10, true);
    const crc = dv.getUint32(pos + 16, true);
    let compressedSize = dv.getUint32(pos + 20, true);
    let size = dv.getUint32(pos + 24, true);
    const nameLength = dv.getUint16(pos + 28, true);
    const extraLength = dv.getUint16(pos + 30, true);
    const commentLength = dv.getUint16(pos + 32, true);
    const external = dv.getUint32(pos + 38, true);
    let localOffset = dv.getUint32(pos + 42, true);
    const nameBytes = directory.subarray(pos + 46, pos + 46 + nameLength);
    const name = Buffer.from(nameBytes).toString((flags & 0x800) !== 0 ? 'utf8' : 'latin1');
    const extra = directory.subarray(pos + 46 + nameLength, pos + 46 + nameLength + extraLength);
    pos += 46 + nameLength + extraLength + commentLength;
    // Zip64 extended information extra field (§4.5.3).
    for (let e = 0; e + 4 <= extra.length;) {
      const id = (extra[e] ?? 0) | ((extra[e + 1] ?? 0) << 8);
      const len = (extra[e + 2] ?? 0) | ((extra[e + 3] ?? 0) << 8);
      if (id === 0x0001) {
        const x = view(extra.subarray(e + 4, e + 4 + len));
        let at = 0;
        if (size === 0xffffffff && at + 8 <= x.byteLength) {
          size = u64(x, at);
          at += 8;
        }
        if (compressedSize === 0xffffffff && at + 8 <= x.byteLength) {
          compressedSize = u64(x, at);
          at += 8;
        }
        if (localOffset === 0xffffffff && at + 8 <= x.byteLength) localOffset = u64(x, at);
      }
      e += 4 + len;
    }
    if (names.has(name)) anomalies.push(`duplicate member name ${JSON.stringify(name)}`);
    names.add(name);
    const localAt = localOffset + shift;
    const local = source.read(localAt, 30);
    if (local.length < 30 || view(local).getUint32(0, true) !== LOCAL) {
      anomalies.push(`member ${JSON.stringify(name)}: local header missing or corrupt; skipped`);
      continue;
    }
    const lv = view(local);
    const localNameLength = lv.getUint16(26, true);
    const localExtraLength = lv.getUint16(28, true);
    const localName = Buffer.from(source.read(localAt + 30, localNameLength)).toString('latin1');
    if (localName !== Buffer.from(nameBytes).toString('latin1')) {
      anomalies.push(
        `member ${JSON.stringify(name)}: local header names it ${JSON.stringify(localName.slice(0, 80))}`,
      );
    }
    if ((lv.getUint16(6, true) & 0x08) !== (flags & 0x08)) {
      anomalies.push(
        `member ${JSON.stringify(name)}: data-descriptor flag differs between headers`,
      );
    }
    const dataOffset = localAt + 30 + localNameLength + localExtraLength;
    if (dataOffset + compressedSize > source.size) {
      anomalies.push(`member ${JSON.stringify(name)}: data runs past the end of the file; skipped`);
      continue;
    }
    const unixMode = madeBy >>> 8 === 3 ? external >>> 16 : 0;
    entries.push({
      name,
      method,
      flags,
      crc,
      compressedSize,
      size,
      dataOffset,
      isSymlink: (unixMode & 0o170000) === 0o120000,
      isDirectory: name.endsWith('/') || (unixMode & 0o170000) === 0o040000,
    });
  }
  return { ok: true, listing: { entries, anomalies } };
}

/** Raw (still compressed) bytes of an entry, as a window over the source. */
export function entryRawSource(source: ByteSource, entry: ZipEntry): ByteSource {
  return new SliceByteSource(source, entry.dataOffset, entry.compressedSize);
}

/** True when the entry's CRC-32 matches `bytes`. */
export function crcMatches(entry: ZipEntry, bytes: Uint8Array): boolean {
  return crc32(bytes) >>> 0 === entry.crc >>> 0;
}
