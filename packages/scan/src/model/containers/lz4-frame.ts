/**
 * LZ4 frame decoder (lz4 frame format spec v1.6.x, as written by the Python
 * `lz4.frame` module joblib uses). Bounded output; checksums are skipped.
 */
export type Lz4Result =
  { ok: true; bytes: Uint8Array } | { ok: false; reason: string; limit: boolean };

const MAGIC = 0x184d2204;

export function decodeLz4Frame(input: Uint8Array, maxOutput: number): Lz4Result {
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  const fail = (reason: string, limit = false): Lz4Result => ({ ok: false, reason, limit });
  if (input.length < 7 || view.getUint32(0, true) !== MAGIC) return fail('not an LZ4 frame');
  const flg = input[4] ?? 0;
  const blockChecksum = (flg & 0x10) !== 0;
  const contentSize = (flg & 0x08) !== 0;
  const dictId = (flg & 0x01) !== 0;
  let pos = 6 + (contentSize ? 8 : 0) + (dictId ? 4 : 0) + 1;
  const out: number[] = [];
  let chunks: Uint8Array[] = [];
  let produced = 0;
  let window = new Uint8Array(0);
  const flush = () => {
    if (out.length === 0) return;
    const bytes = Uint8Array.from(out);
    chunks.push(bytes);
    out.length = 0;
  };
  for (;;) {
    if (pos + 4 > input.length) return fail('truncated LZ4 frame');
    const header = view.getUint32(pos, true);
    pos += 4;
    if (header === 0) break;
    const size = header & 0x7fffffff;
    if (pos + size > input.length) return fail('truncated LZ4 block');
    const block = input.subarray(pos, pos + size);
    pos += size + (blockChecksum ? 4 : 0);
    let decoded: Uint8Array;
    if ((header & 0x80000000) !== 0) {
      decoded = block;
    } else {
      const result = decodeBlock(block, window, maxOutput - produced);
      if (typeof result === 'string') return fail(result, result.includes('limit'));
      decoded = result;
    }
    produced += decoded.length;
    if (produced > maxOutput)
      return fail(`lz4 output exceeds ${maxOutput} bytes (safety limit)`, true);
    chunks.push(decoded);
    const joined =
      window.length + decoded.length > 65536
        ? Buffer.concat([window, decoded])
        : Buffer.concat([window, decoded]);
    window = joined.subarray(Math.max(0, joined.length - 65536));
  }
  flush();
  const bytes = Buffer.concat(chunks);
  chunks = [];
  return { ok: true, bytes };
}

/** Decodes one LZ4 block with `dict` as the preceding 64 KiB window. */
function decodeBlock(src: Uint8Array, dict: Uint8Array, budget: number): Uint8Array | string {
  let out = new Uint8Array(
    Math.min(Math.max(src.length * 4, 1024), Math.max(budget, 0) + dict.length + 1),
  );
  out.set(dict, 0);
  let op = dict.length;
  let ip = 0;
  const ensure = (n: number): boolean => {
    if (op + n - dict.length > budget) return false;
    if (op + n <= out.length) return true;
    let size = out.length * 2;
    while (size < op + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(out.subarray(0, op));
    out = next;
    return true;
  };
  while (ip < src.length) {
    const token = src[ip++] ?? 0;
    let literal = token >>> 4;
    if (literal === 15) {
      let b = 255;
      while (b === 255 && ip < src.length) {
        b = src[ip++] ?? 0;
        literal += b;
      }
    }
    if (ip + literal > src.length) return 'LZ4 literal overruns the block';
    if (!ensure(literal)) return 'lz4 output exceeds the safety limit';
    out.set(src.subarray(ip, ip + literal), op);
    op += literal;
    ip += literal;
    if (ip >= src.length) break;
    if (ip + 2 > src.length) return 'truncated LZ4 match';
    const offset = (src[ip] ?? 0) | ((src[ip + 1] ?? 0) << 8);
    ip += 2;
    if (offset === 0 || offset > op) return 'LZ4 match offset out of range';
    let length = (token & 15) + 4;
    if ((token & 15) === 15) {
      let b = 255;
      while (b === 255 && ip < src.length) {
        b = src[ip++] ?? 0;
        length += b;
      }
    }
    if (!ensure(length)) return 'lz4 output exceeds the safety limit';
    for (let i = 0; i < length; i++) {
      out[op] = out[op - offset] ?? 0;
      op++;
    }
  }
  return out.slice(dict.length, op);
}
