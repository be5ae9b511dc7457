import { u32, u64 } from './pickle-builder.js';

/** Protobuf field writers for SavedModel / ONNX fixtures. */
export function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}
export function pbBytes(field: number, payload: Uint8Array | string): Uint8Array {
  const body = typeof payload === 'string' ? Buffer.from(payload) : Buffer.from(payload);
  return Buffer.concat([Buffer.from([...varint(field * 8 + 2), ...varint(body.length)]), body]);
}
export function pbVarint(field: number, value: number): Uint8Array {
  return Uint8Array.from([...varint(field * 8), ...varint(value)]);
}
export const cat = (...parts: Uint8Array[]): Uint8Array => Buffer.concat(parts);

/** SavedModel with one meta graph whose graph has nodes of the given ops. */
export function savedModel(ops: readonly string[], inFunction = false): Uint8Array {
  const nodes = ops.map((op, i) =>
    pbBytes(inFunction ? 3 : 1, cat(pbBytes(1, `n${i}`), pbBytes(2, op))),
  );
  const graph = inFunction ? pbBytes(2, pbBytes(1, cat(...nodes))) : cat(...nodes);
  return cat(pbVarint(1, 1), pbBytes(2, pbBytes(2, graph)));
}

/** ONNX ModelProto with one initializer stored as external data at `location`. */
export function onnxModel(location: string | undefined): Uint8Array {
  const tensorParts = [pbVarint(1, 1), pbVarint(2, 1), pbBytes(8, 'w')];
  if (location !== undefined) {
    tensorParts.push(
      pbBytes(13, cat(pbBytes(1, 'location'), pbBytes(2, location))),
      pbVarint(14, 1),
    );
  }
  const graph = cat(
    pbBytes(1, cat(pbBytes(1, 'x'), pbBytes(2, 'y'), pbBytes(4, 'Relu'))),
    pbBytes(2, 'g'),
    pbBytes(5, cat(...tensorParts)),
  );
  return cat(pbVarint(1, 8), pbBytes(2, 'pytorch'), pbBytes(7, graph), pbBytes(8, pbVarint(2, 17)));
}

function ggufString(s: string): number[] {
  const b = Buffer.from(s);
  return [...u64(b.length), ...b];
}

/** GGUF v3 with string metadata and no tensors. */
export function gguf(
  metadata: Record<string, string>,
  extra: { kvCount?: number } = {},
): Uint8Array {
  const entries = Object.entries(metadata);
  const out: number[] = [
    ...Buffer.from('GGUF'),
    ...u32(3),
    ...u64(0),
    ...u64(extra.kvCount ?? entries.length),
  ];
  for (const [k, v] of entries) out.push(...ggufString(k), ...u32(8), ...ggufString(v));
  // One array-of-u32 entry to exercise arrays.
  return Uint8Array.from(out);
}

/** safetensors file from header JSON and a data section length. */
export function safetensors(header: unknown, dataLength: number): Uint8Array {
  const json = Buffer.from(JSON.stringify(header));
  const size = Buffer.alloc(8);
  size.writeBigUInt64LE(BigInt(json.length));
  return Buffer.concat([size, json, Buffer.alloc(dataLength)]);
}

/** .npy with the given descr and payload. */
export function npy(descr: string, payload: Uint8Array, shape = '(3,)'): Uint8Array {
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  const total = 10 + header.length + 1;
  header = header + ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const len = Buffer.alloc(2);
  len.writeUInt16LE(header.length);
  return Buffer.concat([
    Buffer.from([0x93]),
    Buffer.from('NUMPY'),
    Buffer.from([1, 0]),
    len,
    Buffer.from(header, 'latin1'),
    Buffer.from(payload),
  ]);
}

/** Bytes that start like an HDF5 file and carry a `model_config` attribute string. */
export function hdf5WithConfig(config: unknown): Uint8Array {
  const sig = Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    sig,
    Buffer.alloc(120),
    Buffer.from('model_config\0\0\0\0'),
    Buffer.from(JSON.stringify(config)),
    Buffer.alloc(64),
  ]);
}

/** LZ4 frame with one uncompressed block. */
export function lz4Frame(data: Uint8Array): Uint8Array {
  const header = [0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, 0x82];
  return Uint8Array.from([
    ...header,
    ...u32((data.length | 0x80000000) >>> 0),
    ...data,
    0,
    0,
    0,
    0,
  ]);
}

/** LZ4 frame with one compressed block holding only literals. */
export function lz4FrameCompressed(data: Uint8Array): Uint8Array {
  const n = data.length;
  const token = n >= 15 ? 0xf0 : n << 4;
  const lengthBytes: number[] = [];
  if (n >= 15) {
    let rest = n - 15;
    while (rest >= 255) {
      lengthBytes.push(255);
      rest -= 255;
    }
    lengthBytes.push(rest);
  }
  const block = [token, ...lengthBytes, ...data];
  return Uint8Array.from([
    0x04,
    0x22,
    0x4d,
    0x18,
    0x60,
    0x40,
    0x82,
    ...u32(block.length),
    ...block,
    0,
    0,
    0,
    0,
  ]);
}
