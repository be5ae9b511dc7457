import type { ByteSource } from './byte-source.js';
import { isHdf5 } from './formats/hdf5.js';
import { looksLikeOnnx } from './formats/onnx.js';
import { safetensorsHeaderSize } from './formats/safetensors.js';
import { looksLikeTar } from './containers/tar-reader.js';
import { analysePickle } from './pickle/pickle-vm.js';
import { isDottedIdentifier } from './pickle/dotted-identifier.js';
import { OPCODE_NAMES } from './pickle/pickle-opcodes.js';
import { SliceByteSource } from './byte-source.js';

/**
 * Formats the model scanner tells apart. Decided by magic bytes and
 * structure; a file name only breaks ties between protobuf schemas and
 * says whether a broken pickle-looking file was meant to be a pickle.
 */
export type SniffedFormat =
  | 'pickle'
  | 'pytorch-legacy'
  | 'zip'
  | 'tar'
  | 'gzip'
  | 'bzip2'
  | 'xz'
  | 'lz4'
  | 'zlib'
  | 'joblib-zfile'
  | 'zstd'
  | 'lzma'
  | '7z'
  | 'npy'
  | 'hdf5'
  | 'gguf'
  | 'safetensors'
  | 'onnx'
  | 'savedmodel'
  | 'tf-graph'
  | 'tf-text'
  | 'json'
  | 'jinja'
  | 'unknown';

const PICKLE_EXTENSIONS = [
  '.pkl',
  '.pickle',
  '.pt',
  '.pth',
  '.bin',
  '.ckpt',
  '.joblib',
  '.p',
  '.dat',
  '.sav',
  '.model',
  '.npy',
  '.data',
];
const LEGACY_TORCH_MAGIC = [
  0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19,
];

export function hasPickleExtension(name: string): boolean {
  const lower = name.toLowerCase();
  return PICKLE_EXTENSIONS.some((ext) => lower.endsWith(ext)) || lower.endsWith('data.pkl');
}

function startsWith(head: Uint8Array, bytes: readonly number[]): boolean {
  return bytes.every((b, i) => head[i] === b);
}

function protocol0Start(head: Uint8Array): boolean {
  const first = head[0];
  if (first === 0x63 || first === 0x69) {
    const nl = head.indexOf(10);
    return nl > 1 && isDottedIdentifier(Buffer.from(head.subarray(1, nl)).toString('latin1'));
  }
  // MARK, EMPTY_DICT/LIST/TUPLE, NONE followed by a plausible second opcode.
  return (
    (first === 0x28 || first === 0x7d || first === 0x5d || first === 0x29) &&
    [
      0x28, 0x63, 0x53, 0x56, 0x49, 0x4c, 0x46, 0x4e, 0x64, 0x6c, 0x74, 0x2e, 0x71, 0x70, 0x58,
      0x55, 0x4b, 0x4a, 0x58, 0x8c, 0x5d, 0x7d, 0x29, 0x69,
    ].includes(head[1] ?? -1)
  );
}

export function sniffFormat(source: ByteSource, name: string): SniffedFormat {
  const head = source.read(0, 1024);
  const lower = name.toLowerCase();
  if (head.length === 0) return 'unknown';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06]))
    return 'zip';
  if (startsWith(head, LEGACY_TORCH_MAGIC)) return 'pytorch-legacy';
  if (head[0] === 0x80 && (head[1] ?? 0) >= 1 && (head[1] ?? 0) <= 5) return 'pickle';
  if (startsWith(head, [0x1f, 0x8b])) return 'gzip';
  if (startsWith(head, [0x42, 0x5a, 0x68]) && (head[3] ?? 0) >= 0x31 && (head[3] ?? 0) <= 0x39)
    return 'bzip2';
  if (startsWith(head, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return 'xz';
  if (startsWith(head, [0x04, 0x22, 0x4d, 0x18])) return 'lz4';
  if (startsWith(head, [0x28, 0xb5, 0x2f, 0xfd])) return 'zstd';
  // LZMA "alone" (.lzma, joblib's lzma compressor): properties byte 0x5d, dictionary size.
  if (
    head[0] === 0x5d &&
    head[1] === 0x00 &&
    head[2] === 0x00 &&
    (head[13] === 0x00 || head[13] === 0xff)
  )
    return 'lzma';
  if (startsWith(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return '7z';
  if (startsWith(head, [0x5a, 0x46, 0x30, 0x78])) return 'joblib-zfile';
  if (startsWith(head, [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59])) return 'npy';
  if (startsWith(head, [0x47, 0x47, 0x55, 0x46])) return 'gguf';
  if (isHdf5(source)) return 'hdf5';
  if (looksLikeTar(head)) return 'tar';
  const stSize = safetensorsHeaderSize(source);
  if (stSize !== undefined && (lower.endsWith('.safetensors') || 8 + stSize <= source.size))
    return 'safetensors';
  if (
    (head[0] ?? 0) === 0x78 &&
    [0x01, 0x5e, 0x9c, 0xda].includes(head[1] ?? -1) &&
    ((head[0] ?? 0) * 256 + (head[1] ?? 0)) % 31 === 0
  ) {
    return 'zlib';
  }
  if (protocol0Start(head) && (hasPickleExtension(lower) || probePickle(source, true)))
    return 'pickle';
  if (lower.endsWith('.jinja') || lower.endsWith('.jinja2') || lower.endsWith('.j2'))
    return 'jinja';
  const text = Buffer.from(head.subarray(0, 64)).toString('latin1').trimStart();
  if (text.startsWith('{') && (lower.endsWith('.json') || source.size < 64 << 20)) return 'json';
  if (lower.endsWith('.pbtxt')) return 'tf-text';
  if (lower.endsWith('saved_model.pb') || lower.endsWith('keras_metadata.pb')) return 'savedmodel';
  if (lower.endsWith('.onnx') || lower.endsWith('.ort')) return 'onnx';
  if (lower.endsWith('.pb') || lower.endsWith('.graphdef')) return 'tf-graph';
  if (head[0] === 0x08 && source.size <= 64 << 20 && looksLikeOnnx(source.read(0, source.size)))
    return 'onnx';
  const first = head[0] ?? 0;
  const binaryStart = OPCODE_NAMES[first] !== undefined && (first >= 0x80 || first < 0x20);
  if (binaryStart && probePickle(source, !hasPickleExtension(lower))) return 'pickle';
  return 'unknown';
}

/**
 * Pickles need no PROTO header: a stream may start with any opcode. The VM
 * runs over the first MiB; `strict` (files not named like pickles) demands a
 * complete, error-free pickle so prose never parses as GLOBAL lines, while
 * pickle-named files also count when a valid global was found.
 */
function probePickle(source: ByteSource, strict: boolean): boolean {
  const window = new SliceByteSource(source, 0, Math.min(source.size, 1 << 20));
  const probe = analysePickle(window, { maxOps: 100_000, maxPickles: 1 });
  const complete = probe.pickles >= 1 && probe.error === undefined && probe.end > 1;
  if (strict) return complete;
  return (
    complete ||
    probe.globals.some(
      (g) => !g.dynamic && isDottedIdentifier(g.module) && isDottedIdentifier(g.name),
    )
  );
}
