import type { ByteSource } from '../byte-source.js';
import { PickleParseError } from './pickle-parse-error.js';
import { MAX_LINE } from './pickle-vm-limits.js';

/**
 * Reads opcode arguments from a byte source: fixed-width little-endian
 * integers, counted byte runs and newline-terminated lines, as
 * `Lib/pickletools.py` defines them (uint1/uint2/int4/uint4/uint8,
 * stringnl). Truncation throws a `PickleParseError` at the current offset.
 */
export class Cursor {
  pos: number;
  private buffer: Uint8Array = new Uint8Array(0);
  private bufferStart = 0;
  constructor(
    readonly source: ByteSource,
    start: number,
  ) {
    this.pos = start;
  }
  bytes(n: number): Uint8Array {
    if (n < 0 || this.pos + n > this.source.size) {
      throw new PickleParseError(`truncated stream: needed ${n} bytes`, this.pos);
    }
    const offset = this.pos - this.bufferStart;
    if (offset < 0 || offset + n > this.buffer.length) {
      // Refill a 64 KiB read-ahead window; opcodes are read a few bytes at a time.
      this.buffer = this.source.read(this.pos, Math.max(n, 1 << 16));
      this.bufferStart = this.pos;
    }
    const at = this.pos - this.bufferStart;
    this.pos += n;
    return this.buffer.subarray(at, at + n);
  }
  byte(): number {
    if (this.pos >= this.source.size)
      throw new PickleParseError('truncated stream: needed 1 bytes', this.pos);
    const offset = this.pos - this.bufferStart;
    if (offset >= 0 && offset < this.buffer.length) {
      this.pos++;
      return this.buffer[offset] ?? 0;
    }
    return this.bytes(1)[0] ?? 0;
  }
  uint(n: 1 | 2 | 4): number {
    const b = this.bytes(n);
    let v = 0;
    for (let i = n - 1; i >= 0; i--) v = v * 256 + (b[i] ?? 0);
    return v;
  }
  int32(): number {
    const b = this.bytes(4);
    return new DataView(b.buffer, b.byteOffset, 4).getInt32(0, true);
  }
  uint64(): number {
    const b = this.bytes(8);
    const v = new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, true);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new PickleParseError('length does not fit in memory', this.pos - 8);
    }
    return Number(v);
  }
  line(): string {
    const start = this.pos;
    let text = '';
    for (;;) {
      const chunk = this.source.read(this.pos, 4096);
      if (chunk.length === 0)
        throw new PickleParseError('truncated stream: unterminated line', start);
      const nl = chunk.indexOf(10);
      if (nl >= 0) {
        text += Buffer.from(chunk.subarray(0, nl)).toString('latin1');
        this.pos += nl + 1;
        break;
      }
      text += Buffer.from(chunk).toString('latin1');
      this.pos += chunk.length;
      if (this.pos - start > MAX_LINE) throw new PickleParseError('line argument too long', start);
    }
    return text.endsWith('\r') ? text.slice(0, -1) : text;
  }
}
