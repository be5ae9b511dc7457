import type { ByteSource } from '../byte-source.js';
import type { Cursor } from './pickle-cursor.js';
import { nestedPayloadOf } from './nested-payload.js';
import type { PickleAnalysis } from './pickle-analysis.js';
import { PickleParseError } from './pickle-parse-error.js';
import { UNKNOWN, type PickleValue } from './pickle-values.js';
import { HEAD_BYTES, MAX_INLINE_STRING } from './pickle-vm-limits.js';

/** Walks a complete pickle found inside the stream (joblib object arrays). */
export type InlinePickleAnalyser = (source: ByteSource, start: number) => PickleAnalysis;

/**
 * State of one pickle being walked: the value stack, the mark stack and the
 * memo of the pickle machine (`Lib/pickletools.py`, "the pickle machine"),
 * holding symbolic values, plus the analysis the walk writes into. Stack
 * reads never cross the innermost MARK, as in CPython's unpickler.
 */
export class PickleMachine {
  readonly stack: PickleValue[] = [];
  readonly marks: number[] = [];
  readonly memo = new Map<number, PickleValue>();

  constructor(
    readonly cursor: Cursor,
    readonly analysis: PickleAnalysis,
    /** Names from GLOBAL/INST must be dotted identifiers (set for trailing pickles). */
    readonly strictNames: boolean,
    readonly analyseInline: InlinePickleAnalyser,
  ) {}

  fail(message: string, at: number): never {
    throw new PickleParseError(message, at);
  }

  pop(at: number): PickleValue {
    const floor = this.marks.length > 0 ? (this.marks[this.marks.length - 1] ?? 0) : 0;
    if (this.stack.length <= floor) this.fail('stack underflow', at);
    return this.stack.pop() ?? UNKNOWN;
  }

  /** Pops everything above the innermost MARK, and the MARK itself. */
  popMark(at: number): PickleValue[] {
    const mark = this.marks.pop();
    if (mark === undefined) this.fail('no MARK on the mark stack', at);
    return this.stack.splice(mark ?? 0);
  }

  top(at: number): PickleValue {
    const floor = this.marks.length > 0 ? (this.marks[this.marks.length - 1] ?? 0) : 0;
    if (this.stack.length <= floor) this.fail('stack underflow', at);
    return this.stack[this.stack.length - 1] ?? UNKNOWN;
  }

  memoGet(key: number, at: number): PickleValue {
    const value = this.memo.get(key);
    if (value === undefined)
      throw new PickleParseError(`memo key ${key} read before it was written`, at);
    return value;
  }

  /** Pushes a string or bytes value, recording a nested pickle hidden in it. */
  pushData(value: PickleValue, at: number): void {
    const nested = nestedPayloadOf(value, at);
    if (nested !== undefined) this.analysis.nested.push(nested);
    this.stack.push(value);
  }

  /** A bytes value of `n` bytes, kept as a window on the source plus its head. */
  readBytes(n: number, at: number): PickleValue {
    const cursor = this.cursor;
    if (cursor.pos + n > cursor.source.size)
      this.fail(`truncated stream: bytes value of ${n} bytes`, at);
    const value: PickleValue = {
      k: 'bytes',
      size: n,
      head: cursor.source.read(cursor.pos, Math.min(n, HEAD_BYTES)).slice(),
      source: cursor.source,
      offset: cursor.pos,
    };
    cursor.pos += n;
    return value;
  }

  readText(n: number, at: number, encoding: 'utf8' | 'latin1'): PickleValue {
    const cursor = this.cursor;
    if (n > MAX_INLINE_STRING) {
      if (cursor.pos + n > cursor.source.size) this.fail('truncated stream: string', at);
      cursor.pos += n;
      return { k: 'str', v: '' };
    }
    return { k: 'str', v: Buffer.from(cursor.bytes(n)).toString(encoding) };
  }
}
