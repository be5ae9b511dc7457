import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/**
 * Random-access bytes of one artifact or container member. Readers pull only
 * the ranges they need, so tensor payloads inside a multi-GiB checkpoint are
 * never loaded (or scanned) as a whole.
 */
export interface ByteSource {
  readonly size: number;
  /** Up to `length` bytes from `position` (fewer at the end of the source). */
  read(position: number, length: number): Uint8Array;
}

/** Bytes already in memory (small files, decompressed members). */
export class BufferByteSource implements ByteSource {
  constructor(private readonly bytes: Uint8Array) {}
  get size(): number {
    return this.bytes.length;
  }
  read(position: number, length: number): Uint8Array {
    const start = Math.max(0, Math.min(position, this.bytes.length));
    return this.bytes.subarray(start, Math.min(this.bytes.length, start + Math.max(0, length)));
  }
}

/** A window of another source (a stored zip member, a tar entry). */
export class SliceByteSource implements ByteSource {
  constructor(
    private readonly inner: ByteSource,
    private readonly offset: number,
    readonly size: number,
  ) {}
  read(position: number, length: number): Uint8Array {
    if (position >= this.size || length <= 0) return new Uint8Array(0);
    return this.inner.read(this.offset + position, Math.min(length, this.size - position));
  }
}

const WINDOW = 1 << 20;

/** A file read with synchronous positioned reads through a 1 MiB window. */
export class FileByteSource implements ByteSource {
  readonly size: number;
  private readonly fd: number;
  private windowStart = -1;
  private window = new Uint8Array(0);

  constructor(path: string) {
    this.fd = openSync(path, 'r');
    this.size = fstatSync(this.fd).size;
  }

  read(position: number, length: number): Uint8Array {
    if (position >= this.size || length <= 0) return new Uint8Array(0);
    const end = Math.min(this.size, position + length);
    const inWindow =
      this.windowStart >= 0 &&
      position >= this.windowStart &&
      end <= this.windowStart + this.window.length;
    if (inWindow) return this.window.subarray(position - this.windowStart, end - this.windowStart);
    if (end - position > WINDOW) {
      const out = new Uint8Array(end - position);
      readFully(this.fd, out, position);
      return out;
    }
    const windowLength = Math.min(WINDOW, this.size - position);
    const window = new Uint8Array(windowLength);
    readFully(this.fd, window, position);
    this.window = window;
    this.windowStart = position;
    return window.subarray(0, end - position);
  }

  close(): void {
    closeSync(this.fd);
  }
}

function readFully(fd: number, into: Uint8Array, position: number): void {
  let done = 0;
  while (done < into.length) {
    const n = readSync(fd, into, done, into.length - done, position + done);
    if (n === 0) break;
    done += n;
  }
}

/** Reads a whole (bounded) source into memory. */
export function readAll(source: ByteSource): Uint8Array {
  return source.read(0, source.size);
}
