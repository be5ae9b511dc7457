import { constants, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { decodeLz4Frame } from './lz4-frame.js';

/**
 * Single-stream decompression with an output cap, so a small hostile input
 * can never expand past `maxOutput` bytes in memory (decompression bombs).
 */
export type Codec = 'gzip' | 'zlib' | 'deflate-raw' | 'bzip2' | 'xz' | 'lz4' | 'lzma';

export type Decompressed =
  { ok: true; bytes: Uint8Array } | { ok: false; reason: string; limit: boolean };

class OutputLimitError extends Error {}

const require = createRequire(import.meta.url);

interface BunzipModule {
  decode(
    input: Uint8Array,
    output: { writeByte(b: number): void; getBuffer(): Uint8Array },
    multistream: boolean,
  ): Uint8Array;
}

function bunzip(input: Uint8Array, maxOutput: number): Uint8Array {
  const seek = require('seek-bzip') as BunzipModule;
  let buffer = new Uint8Array(Math.min(maxOutput, Math.max(1 << 16, input.length * 4)));
  let pos = 0;
  const sink = {
    writeByte(b: number) {
      if (pos >= buffer.length) {
        if (buffer.length >= maxOutput) throw new OutputLimitError('bzip2 output limit');
        const next = new Uint8Array(Math.min(maxOutput, buffer.length * 2));
        next.set(buffer);
        buffer = next;
      }
      buffer[pos++] = b;
    },
    getBuffer() {
      return buffer.subarray(0, pos);
    },
  };
  seek.decode(input, sink, true);
  return buffer.subarray(0, pos);
}

async function unxz(input: Uint8Array, maxOutput: number): Promise<Uint8Array> {
  type XzCtor = new (s: ReadableStream<Uint8Array>) => ReadableStream<Uint8Array>;
  // CommonJS module: named export under ESM in tests, `default` in the bundled CLI.
  const mod = (await import('xz-decompress')) as {
    XzReadableStream?: XzCtor;
    default?: { XzReadableStream?: XzCtor };
  };
  const XzReadableStream = mod.XzReadableStream ?? mod.default?.XzReadableStream;
  if (XzReadableStream === undefined) throw new Error('xz decoder unavailable');
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(input);
      controller.close();
    },
  });
  const reader = new XzReadableStream(source).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxOutput) {
      await reader.cancel();
      throw new OutputLimitError('xz output limit');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * LZMA "alone" streams (joblib's `lzma` compressor) through LZMA-JS. The
 * header's uncompressed size is checked against the cap first; streams of
 * unknown size are only expanded when the input is small enough that the
 * library's uncapped output stays bounded.
 */
async function unlzma(input: Uint8Array, maxOutput: number): Promise<Uint8Array> {
  if (input.length < 13) throw new Error('truncated LZMA header');
  const declared = new DataView(input.buffer, input.byteOffset, 13).getBigUint64(5, true);
  const unknown = declared === 0xffffffffffffffffn;
  if (!unknown && declared > BigInt(maxOutput)) throw new OutputLimitError('lzma declared size');
  if (unknown && input.length > maxOutput / 1000)
    throw new OutputLimitError('lzma stream of unknown size');
  const mod = (await import('lzma')) as {
    decompress?: LzmaDecompress;
    default?: { decompress?: LzmaDecompress };
  };
  const run = mod.decompress ?? mod.default?.decompress;
  if (run === undefined) throw new Error('lzma decoder unavailable');
  const out = run(Array.from(input));
  const bytes =
    typeof out === 'string' ? Buffer.from(out, 'utf8') : Uint8Array.from(out, (b) => b & 0xff);
  if (bytes.length > maxOutput) throw new OutputLimitError('lzma output limit');
  return bytes;
}
type LzmaDecompress = (input: number[]) => string | number[];

export async function decompress(
  codec: Codec,
  input: Uint8Array,
  maxOutput: number,
): Promise<Decompressed> {
  try {
    const options = {
      maxOutputLength: Math.max(1, maxOutput),
      finishFlush: constants.Z_SYNC_FLUSH,
    };
    switch (codec) {
      case 'gzip':
        return { ok: true, bytes: gunzipSync(input, options) };
      case 'zlib':
        return { ok: true, bytes: inflateSync(input, options) };
      case 'deflate-raw':
        return { ok: true, bytes: inflateRawSync(input, options) };
      case 'bzip2':
        return { ok: true, bytes: bunzip(input, maxOutput) };
      case 'xz':
        return { ok: true, bytes: await unxz(input, maxOutput) };
      case 'lzma':
        return { ok: true, bytes: await unlzma(input, maxOutput) };
      case 'lz4': {
        const result = decodeLz4Frame(input, maxOutput);
        return result.ok
          ? { ok: true, bytes: result.bytes }
          : { ok: false, reason: result.reason, limit: result.limit };
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (
      error instanceof OutputLimitError ||
      code === 'ERR_BUFFER_TOO_LARGE' ||
      (error instanceof RangeError && code !== undefined)
    ) {
      return {
        ok: false,
        reason: `${codec} output exceeds ${maxOutput} bytes (safety limit)`,
        limit: true,
      };
    }
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      reason: `${codec} data is corrupt: ${message.slice(0, 120)}`,
      limit: false,
    };
  }
}
