import { crc32, deflateRawSync, gzipSync } from 'node:zlib';

/** One member for `buildZip`. */
export interface ZipMember {
  name: string;
  data: Uint8Array;
  deflate?: boolean;
  /** Stored CRC (default: the real one). */
  crc?: number;
  /** Name written in the local header (default: `name`). */
  localName?: string;
  symlink?: boolean;
  /** Declared uncompressed size (default: real). */
  declaredSize?: number;
}

function le(n: number, bytes: number): Buffer {
  const b = Buffer.alloc(bytes);
  if (bytes === 2) b.writeUInt16LE(n);
  else b.writeUInt32LE(n >>> 0);
  return b;
}

/** A minimal zip writer (APPNOTE 4.3): local headers, central directory, end record. */
export function buildZip(
  members: readonly ZipMember[],
  prefix: Uint8Array = new Uint8Array(0),
): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const data = m.deflate === true ? deflateRawSync(m.data) : Buffer.from(m.data);
    const crc = m.crc ?? crc32(m.data);
    const name = Buffer.from(m.name);
    const localName = Buffer.from(m.localName ?? m.name);
    const method = m.deflate === true ? 8 : 0;
    const size = m.declaredSize ?? m.data.length;
    const local = Buffer.concat([
      le(0x04034b50, 4),
      le(20, 2),
      le(0, 2),
      le(method, 2),
      le(0, 2),
      le(0, 2),
      le(crc, 4),
      le(data.length, 4),
      le(size, 4),
      le(localName.length, 2),
      le(0, 2),
      localName,
      data,
    ]);
    const madeBy = m.symlink === true ? (3 << 8) | 20 : 20;
    const external = m.symlink === true ? (0o120777 << 16) >>> 0 : 0;
    const central = Buffer.concat([
      le(0x02014b50, 4),
      le(madeBy, 2),
      le(20, 2),
      le(0, 2),
      le(method, 2),
      le(0, 2),
      le(0, 2),
      le(crc, 4),
      le(data.length, 4),
      le(size, 4),
      le(name.length, 2),
      le(0, 2),
      le(0, 2),
      le(0, 2),
      le(0, 2),
      le(external, 4),
      le(offset, 4),
      name,
    ]);
    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.concat([
    le(0x06054b50, 4),
    le(0, 2),
    le(0, 2),
    le(members.length, 2),
    le(members.length, 2),
    le(cd.length, 4),
    le(offset, 4),
    le(0, 2),
  ]);
  return Buffer.concat([Buffer.from(prefix), ...locals, cd, end]);
}

/** A ustar writer: regular files, symlinks (`link`), 512-byte blocks, two zero blocks. */
export function buildTar(
  members: readonly { name: string; data?: Uint8Array; link?: string }[],
): Uint8Array {
  const blocks: Buffer[] = [];
  for (const m of members) {
    const data = Buffer.from(m.data ?? new Uint8Array(0));
    const header = Buffer.alloc(512);
    header.write(m.name, 0, 100);
    header.write('0000644\0', 100);
    header.write('0000000\0', 108);
    header.write('0000000\0', 116);
    header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
    header.write('00000000000\0', 136);
    header.write(m.link === undefined ? '0' : '2', 156);
    if (m.link !== undefined) header.write(m.link, 157, 100);
    header.write('ustar\0', 257);
    header.write('00', 263);
    header.fill(0x20, 148, 156);
    let sum = 0;
    for (const b of header) sum += b;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

export const gzip = (data: Uint8Array): Uint8Array => gzipSync(data);

/** A PyTorch zip checkpoint: `archive/data.pkl`, `archive/version`, tensor storages. */
export function torchZip(dataPkl: Uint8Array, storages = 1, extra: ZipMember[] = []): Uint8Array {
  const members: ZipMember[] = [
    { name: 'archive/data.pkl', data: dataPkl },
    { name: 'archive/byteorder', data: Buffer.from('little') },
    ...Array.from({ length: storages }, (_, i) => ({
      name: `archive/data/${i}`,
      data: new Uint8Array(16).fill(0x80 + i),
    })),
    { name: 'archive/version', data: Buffer.from('3\n') },
    ...extra,
  ];
  return buildZip(members);
}
