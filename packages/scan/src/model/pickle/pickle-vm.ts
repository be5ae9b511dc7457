import type { ByteSource } from '../byte-source.js';
import { nestedPayloadOf, type NestedPayload } from './nested-payload.js';
import { UNKNOWN, rootGlobal, type PickleGlobal, type PickleValue } from './pickle-values.js';
import { skipJoblibArray } from './joblib-array.js';

/**
 * Symbolic pickle virtual machine. It walks every opcode of the pickle
 * protocols 0–5 (CPython `Lib/pickletools.py` is the reference for opcode
 * arguments) with a stack, a memo and a mark stack, and records which globals
 * the stream imports and whether it calls them. Nothing is ever executed or
 * imported. Parse errors end the walk but keep everything found before them,
 * so a payload followed by a deliberately broken stream is still reported.
 */
export interface PickleVmOptions {
  /** Stop after this many top-level pickles (legacy PyTorch files hold exactly 5). */
  maxPickles?: number;
  /** Opcode budget (guards against hostile streams); default 200 million. */
  maxOps?: number;
}

export interface PickleAnalysis {
  globals: PickleGlobal[];
  nested: NestedPayload[];
  /** Complete pickles (terminated by STOP) read. */
  pickles: number;
  /** Offset just after the last opcode consumed. */
  end: number;
  /** Bytes after the last STOP that did not form another pickle. */
  trailingBytes: number;
  /** First parse error, with where it happened. */
  error?: { message: string; offset: number };
  /** Opcode names seen at least once (for findings about rare opcodes). */
  opcodes: Set<string>;
}

class PickleParseError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const MAX_LINE = 1 << 16;
const MAX_CONTAINER_ITEMS = 4096;
const HEAD_BYTES = 16;
const MAX_INLINE_STRING = 64 << 20;

class Cursor {
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

/** Opcode byte → name, for every opcode pickle protocols 0–5 define. */
export const OPCODE_NAMES: Readonly<Record<number, string>> = {
  0x28: 'MARK',
  0x2e: 'STOP',
  0x30: 'POP',
  0x31: 'POP_MARK',
  0x32: 'DUP',
  0x46: 'FLOAT',
  0x49: 'INT',
  0x4a: 'BININT',
  0x4b: 'BININT1',
  0x4c: 'LONG',
  0x4d: 'BININT2',
  0x4e: 'NONE',
  0x50: 'PERSID',
  0x51: 'BINPERSID',
  0x52: 'REDUCE',
  0x53: 'STRING',
  0x54: 'BINSTRING',
  0x55: 'SHORT_BINSTRING',
  0x56: 'UNICODE',
  0x58: 'BINUNICODE',
  0x61: 'APPEND',
  0x62: 'BUILD',
  0x63: 'GLOBAL',
  0x64: 'DICT',
  0x7d: 'EMPTY_DICT',
  0x65: 'APPENDS',
  0x67: 'GET',
  0x68: 'BINGET',
  0x69: 'INST',
  0x6a: 'LONG_BINGET',
  0x6c: 'LIST',
  0x5d: 'EMPTY_LIST',
  0x6f: 'OBJ',
  0x70: 'PUT',
  0x71: 'BINPUT',
  0x72: 'LONG_BINPUT',
  0x73: 'SETITEM',
  0x74: 'TUPLE',
  0x29: 'EMPTY_TUPLE',
  0x75: 'SETITEMS',
  0x47: 'BINFLOAT',
  0x80: 'PROTO',
  0x81: 'NEWOBJ',
  0x82: 'EXT1',
  0x83: 'EXT2',
  0x84: 'EXT4',
  0x85: 'TUPLE1',
  0x86: 'TUPLE2',
  0x87: 'TUPLE3',
  0x88: 'NEWTRUE',
  0x89: 'NEWFALSE',
  0x8a: 'LONG1',
  0x8b: 'LONG4',
  0x42: 'BINBYTES',
  0x43: 'SHORT_BINBYTES',
  0x8c: 'SHORT_BINUNICODE',
  0x8d: 'BINUNICODE8',
  0x8e: 'BINBYTES8',
  0x8f: 'EMPTY_SET',
  0x90: 'ADDITEMS',
  0x91: 'FROZENSET',
  0x92: 'NEWOBJ_EX',
  0x93: 'STACK_GLOBAL',
  0x94: 'MEMOIZE',
  0x95: 'FRAME',
  0x96: 'BYTEARRAY8',
  0x97: 'NEXT_BUFFER',
  0x98: 'READONLY_BUFFER',
};

/** Opcodes a protocol-0/1 pickle can start with, used to accept trailing pickles. */
const PICKLE_START = new Set([
  0x80, 0x28, 0x63, 0x5d, 0x7d, 0x29, 0x4e, 0x49, 0x53, 0x56, 0x58, 0x4b, 0x4a, 0x55, 0x8c, 0x95,
]);

/** True when `text` is a dotted Python identifier path (module or qualified name). */
export function isDottedIdentifier(text: string): boolean {
  if (text.length === 0 || text.length > 512) return false;
  let segmentStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (segmentStart) return false;
      segmentStart = true;
      continue;
    }
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
    const digit = c >= 48 && c <= 57;
    if (!letter && !(digit && !segmentStart)) return false;
    segmentStart = false;
  }
  return !segmentStart;
}

function str(value: PickleValue): string | undefined {
  return value.k === 'str' ? value.v : undefined;
}

/** Walks one source; see the module comment. */
export function analysePickle(
  source: ByteSource,
  options: PickleVmOptions = {},
  start = 0,
): PickleAnalysis {
  const analysis: PickleAnalysis = {
    globals: [],
    nested: [],
    pickles: 0,
    end: start,
    trailingBytes: 0,
    opcodes: new Set(),
  };
  const maxPickles = options.maxPickles ?? Number.POSITIVE_INFINITY;
  const budget = { ops: options.maxOps ?? 200_000_000 };
  let pos = start;
  while (pos < source.size && analysis.pickles < maxPickles) {
    const trailing = analysis.pickles > 0;
    if (trailing) {
      const first = source.read(pos, 2);
      const head = first[0] ?? 0;
      const validProto = head !== 0x80 || ((first[1] ?? 0) >= 1 && (first[1] ?? 0) <= 5);
      if (!PICKLE_START.has(head) || !validProto) break;
    }
    const globalsBefore = analysis.globals.length;
    const nestedBefore = analysis.nested.length;
    const cursor = new Cursor(source, pos);
    try {
      runOne(cursor, analysis, budget, trailing);
      analysis.pickles++;
      pos = cursor.pos;
      analysis.end = pos;
    } catch (error) {
      if (!(error instanceof PickleParseError)) throw error;
      if (trailing && analysis.globals.length === globalsBefore) {
        // Junk after the last STOP that is not a pickle: drop what it produced.
        analysis.nested.length = nestedBefore;
        break;
      }
      analysis.error = { message: error.message, offset: error.offset };
      analysis.end = cursor.pos;
      return analysis;
    }
  }
  analysis.trailingBytes = source.size - analysis.end;
  return analysis;
}

function runOne(
  cursor: Cursor,
  analysis: PickleAnalysis,
  budget: { ops: number },
  strictNames: boolean,
): void {
  const stack: PickleValue[] = [];
  const marks: number[] = [];
  const memo = new Map<number, PickleValue>();
  const fail = (message: string, at: number): never => {
    throw new PickleParseError(message, at);
  };
  const pop = (at: number): PickleValue => {
    const floor = marks.length > 0 ? (marks[marks.length - 1] ?? 0) : 0;
    if (stack.length <= floor) fail('stack underflow', at);
    return stack.pop() ?? UNKNOWN;
  };
  const popMark = (at: number): PickleValue[] => {
    const mark = marks.pop();
    if (mark === undefined) fail('no MARK on the mark stack', at);
    return stack.splice(mark ?? 0);
  };
  const top = (at: number): PickleValue => {
    const floor = marks.length > 0 ? (marks[marks.length - 1] ?? 0) : 0;
    if (stack.length <= floor) fail('stack underflow', at);
    return stack[stack.length - 1] ?? UNKNOWN;
  };
  const addGlobal = (
    module: string,
    name: string,
    at: number,
    opcode: string,
    dynamic: boolean,
  ): PickleValue => {
    if (!dynamic && strictNames && !(isDottedIdentifier(module) && isDottedIdentifier(name))) {
      fail('invalid global name', at);
    }
    const ref: PickleGlobal = {
      module,
      name,
      offset: at,
      opcode,
      called: false,
      instantiated: false,
      dynamic,
    };
    analysis.globals.push(ref);
    return { k: 'global', ref };
  };
  const markCalled = (callee: PickleValue, how: 'reduce' | 'new'): void => {
    const ref = rootGlobal(callee);
    if (ref === undefined) return;
    if (how === 'reduce') ref.called = true;
    else ref.instantiated = true;
  };
  const pushData = (value: PickleValue, at: number): void => {
    const nested = nestedPayloadOf(value, at);
    if (nested !== undefined) analysis.nested.push(nested);
    stack.push(value);
  };
  const readBytes = (n: number, at: number): PickleValue => {
    if (cursor.pos + n > cursor.source.size)
      fail(`truncated stream: bytes value of ${n} bytes`, at);
    const value: PickleValue = {
      k: 'bytes',
      size: n,
      head: cursor.source.read(cursor.pos, Math.min(n, HEAD_BYTES)).slice(),
      source: cursor.source,
      offset: cursor.pos,
    };
    cursor.pos += n;
    return value;
  };
  const readText = (n: number, at: number, encoding: 'utf8' | 'latin1'): PickleValue => {
    if (n > MAX_INLINE_STRING) {
      if (cursor.pos + n > cursor.source.size) fail('truncated stream: string', at);
      cursor.pos += n;
      return { k: 'str', v: '' };
    }
    return { k: 'str', v: Buffer.from(cursor.bytes(n)).toString(encoding) };
  };
  const call = (callee: PickleValue, args: PickleValue, how: 'reduce' | 'new'): PickleValue => {
    markCalled(callee, how);
    // getattr(obj, "name") resolves to a dotted attribute chain on the same global.
    if (how === 'reduce' && callee.k === 'global') {
      const { module, name } = callee.ref;
      if (
        (module === 'builtins' || module === '__builtin__') &&
        name === 'getattr' &&
        args.k === 'seq'
      ) {
        const target = args.items[0];
        const attr = args.items[1] !== undefined ? str(args.items[1]) : undefined;
        if (target !== undefined && attr !== undefined) {
          const base = rootGlobal(target);
          if (target.k === 'global' && base !== undefined) {
            return addGlobal(
              base.module,
              `${base.name}.${attr}`,
              callee.ref.offset,
              'getattr',
              true,
            );
          }
          return addGlobal('<computed>', `<${attr}>`, callee.ref.offset, 'getattr', true);
        }
      }
    }
    return { k: 'call', callee, args, how };
  };

  for (;;) {
    if (--budget.ops < 0) fail('opcode budget exhausted (safety limit)', cursor.pos);
    const at = cursor.pos;
    const op = cursor.byte();
    const name = OPCODE_NAMES[op];
    if (name === undefined) fail(`unknown opcode 0x${op.toString(16).padStart(2, '0')}`, at);
    analysis.opcodes.add(name ?? '');
    switch (op) {
      case 0x80: {
        const protocol = cursor.byte();
        if (protocol > 5) fail(`unsupported pickle protocol ${protocol}`, at);
        break;
      }
      case 0x95:
        cursor.uint64();
        break;
      case 0x2e:
        return;
      case 0x28:
        marks.push(stack.length);
        break;
      case 0x30:
        if (stack.length > (marks[marks.length - 1] ?? 0) || marks.length === 0) pop(at);
        else popMark(at);
        break;
      case 0x31:
        popMark(at);
        break;
      case 0x32:
        stack.push(top(at));
        break;
      case 0x46:
        stack.push({ k: 'scalar', v: Number.parseFloat(cursor.line()) });
        break;
      case 0x49: {
        const text = cursor.line();
        stack.push({
          k: 'scalar',
          v: text === '01' ? true : text === '00' ? false : Number.parseInt(text, 10),
        });
        break;
      }
      case 0x4c:
        stack.push({ k: 'scalar', v: Number.parseInt(cursor.line(), 10) });
        break;
      case 0x4a:
        stack.push({ k: 'scalar', v: cursor.int32() });
        break;
      case 0x4b:
        stack.push({ k: 'scalar', v: cursor.uint(1) });
        break;
      case 0x4d:
        stack.push({ k: 'scalar', v: cursor.uint(2) });
        break;
      case 0x8a: {
        const n = cursor.uint(1);
        cursor.bytes(n);
        stack.push({ k: 'scalar', v: 0 });
        break;
      }
      case 0x8b: {
        const n = cursor.int32();
        if (n < 0) fail('negative LONG4 length', at);
        cursor.bytes(n);
        stack.push({ k: 'scalar', v: 0 });
        break;
      }
      case 0x47:
        cursor.bytes(8);
        stack.push({ k: 'scalar', v: 0 });
        break;
      case 0x4e:
        stack.push({ k: 'scalar', v: null });
        break;
      case 0x88:
        stack.push({ k: 'scalar', v: true });
        break;
      case 0x89:
        stack.push({ k: 'scalar', v: false });
        break;
      case 0x50:
        cursor.line();
        stack.push(UNKNOWN);
        break;
      case 0x51:
        pop(at);
        stack.push(UNKNOWN);
        break;
      case 0x53: {
        const raw = cursor.line();
        const quoted =
          raw.length >= 2 && (raw[0] === "'" || raw[0] === '"') && raw.endsWith(raw[0]);
        pushData({ k: 'str', v: quoted ? unescapePython(raw.slice(1, -1)) : raw }, at);
        break;
      }
      case 0x56:
        pushData({ k: 'str', v: unescapePython(cursor.line()) }, at);
        break;
      case 0x54: {
        const n = cursor.int32();
        if (n < 0) fail('negative BINSTRING length', at);
        pushData(readText(n, at, 'latin1'), at);
        break;
      }
      case 0x55:
        pushData(readText(cursor.uint(1), at, 'latin1'), at);
        break;
      case 0x58:
        pushData(readText(cursor.uint(4), at, 'utf8'), at);
        break;
      case 0x8c:
        pushData(readText(cursor.uint(1), at, 'utf8'), at);
        break;
      case 0x8d:
        pushData(readText(cursor.uint64(), at, 'utf8'), at);
        break;
      case 0x42:
        pushData(readBytes(cursor.uint(4), at), at);
        break;
      case 0x43:
        pushData(readBytes(cursor.uint(1), at), at);
        break;
      case 0x8e:
      case 0x96:
        pushData(readBytes(cursor.uint64(), at), at);
        break;
      case 0x97:
        stack.push(UNKNOWN);
        break;
      case 0x98:
        top(at);
        break;
      case 0x29:
        stack.push({ k: 'seq', items: [] });
        break;
      case 0x5d:
        stack.push({ k: 'seq', items: [] });
        break;
      case 0x7d:
        stack.push({ k: 'dict', entries: [] });
        break;
      case 0x8f:
        stack.push({ k: 'seq', items: [] });
        break;
      case 0x74:
      case 0x6c:
      case 0x91:
        stack.push({ k: 'seq', items: popMark(at).slice(0, MAX_CONTAINER_ITEMS) });
        break;
      case 0x85:
      case 0x86:
      case 0x87: {
        const n = op - 0x84;
        const items: PickleValue[] = [];
        for (let i = 0; i < n; i++) items.unshift(pop(at));
        stack.push({ k: 'seq', items });
        break;
      }
      case 0x64: {
        const items = popMark(at);
        const entries: [PickleValue, PickleValue][] = [];
        for (let i = 0; i + 1 < items.length && entries.length < MAX_CONTAINER_ITEMS; i += 2) {
          entries.push([items[i] ?? UNKNOWN, items[i + 1] ?? UNKNOWN]);
        }
        stack.push({ k: 'dict', entries });
        break;
      }
      case 0x61: {
        const value = pop(at);
        const list = top(at);
        if (list.k === 'seq' && list.items.length < MAX_CONTAINER_ITEMS) list.items.push(value);
        break;
      }
      case 0x65:
      case 0x90: {
        const values = popMark(at);
        const list = top(at);
        if (list.k === 'seq') {
          for (const v of values) if (list.items.length < MAX_CONTAINER_ITEMS) list.items.push(v);
        }
        break;
      }
      case 0x73: {
        const value = pop(at);
        const key = pop(at);
        const dict = top(at);
        if (dict.k === 'dict' && dict.entries.length < MAX_CONTAINER_ITEMS)
          dict.entries.push([key, value]);
        break;
      }
      case 0x75: {
        const items = popMark(at);
        const dict = top(at);
        if (dict.k === 'dict') {
          for (
            let i = 0;
            i + 1 < items.length && dict.entries.length < MAX_CONTAINER_ITEMS;
            i += 2
          ) {
            dict.entries.push([items[i] ?? UNKNOWN, items[i + 1] ?? UNKNOWN]);
          }
        }
        break;
      }
      case 0x67:
        stack.push(memoGet(memo, Number.parseInt(cursor.line(), 10), at));
        break;
      case 0x68:
        stack.push(memoGet(memo, cursor.uint(1), at));
        break;
      case 0x6a:
        stack.push(memoGet(memo, cursor.uint(4), at));
        break;
      case 0x70:
        memo.set(Number.parseInt(cursor.line(), 10), top(at));
        break;
      case 0x71:
        memo.set(cursor.uint(1), top(at));
        break;
      case 0x72:
        memo.set(cursor.uint(4), top(at));
        break;
      case 0x94:
        memo.set(memo.size, top(at));
        break;
      case 0x63: {
        const module = cursor.line();
        const qualname = cursor.line();
        stack.push(addGlobal(module, qualname, at, 'GLOBAL', false));
        break;
      }
      case 0x93: {
        const qualname = pop(at);
        const module = pop(at);
        const m = str(module);
        const n = str(qualname);
        if (m !== undefined && n !== undefined) {
          stack.push(
            addGlobal(m, n, at, 'STACK_GLOBAL', !isDottedIdentifier(m) || !isDottedIdentifier(n)),
          );
        } else {
          stack.push(addGlobal(m ?? '<computed>', n ?? '<computed>', at, 'STACK_GLOBAL', true));
        }
        break;
      }
      case 0x82:
      case 0x83:
      case 0x84: {
        const code = cursor.uint(op === 0x82 ? 1 : op === 0x83 ? 2 : 4);
        stack.push(addGlobal('copyreg', `<extension ${code}>`, at, name ?? 'EXT', true));
        break;
      }
      case 0x69: {
        const module = cursor.line();
        const qualname = cursor.line();
        const args = popMark(at);
        const cls = addGlobal(module, qualname, at, 'INST', false);
        stack.push(call(cls, { k: 'seq', items: args }, 'reduce'));
        break;
      }
      case 0x6f: {
        const items = popMark(at);
        const cls = items.shift();
        if (cls === undefined) fail('OBJ without a class', at);
        stack.push(call(cls ?? UNKNOWN, { k: 'seq', items }, 'reduce'));
        break;
      }
      case 0x52: {
        const args = pop(at);
        const callee = pop(at);
        stack.push(call(callee, args, 'reduce'));
        break;
      }
      case 0x81: {
        const args = pop(at);
        const cls = pop(at);
        stack.push(call(cls, args, 'new'));
        break;
      }
      case 0x92: {
        pop(at);
        const args = pop(at);
        const cls = pop(at);
        stack.push(call(cls, args, 'new'));
        break;
      }
      case 0x62: {
        const state = pop(at);
        const target = top(at);
        const ref = rootGlobal(target);
        if (ref !== undefined && target.k === 'call' && ref.name.endsWith('NumpyArrayWrapper')) {
          const skipped = skipJoblibArray(cursor.source, cursor.pos, state);
          if (!skipped.ok) fail(skipped.reason, cursor.pos);
          else if (skipped.inlinePickle === true) {
            // Object arrays are a complete pickle of their own inside the stream.
            const inner = analysePickle(cursor.source, { maxPickles: 1 }, cursor.pos);
            analysis.globals.push(...inner.globals);
            analysis.nested.push(...inner.nested);
            if (inner.error !== undefined)
              fail(`object array: ${inner.error.message}`, inner.error.offset);
            cursor.pos = inner.end;
          } else {
            cursor.pos = skipped.end;
          }
        } else if (ref !== undefined && target.k === 'call' && target.how === 'new') {
          // BUILD on a freshly built instance runs its class's __setstate__.
          ref.called = ref.called || state.k !== 'dict';
        }
        break;
      }
      default:
        fail(`unhandled opcode ${name ?? op}`, at);
    }
  }
}

function memoGet(memo: Map<number, PickleValue>, key: number, at: number): PickleValue {
  const value = memo.get(key);
  if (value === undefined)
    throw new PickleParseError(`memo key ${key} read before it was written`, at);
  return value;
}

/** Minimal Python string-escape decoding for protocol-0 STRING/UNICODE lines. */
function unescapePython(text: string): string {
  if (!text.includes('\\')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const next = text[++i] ?? '';
    const simple: Record<string, string> = {
      n: '\n',
      r: '\r',
      t: '\t',
      '\\': '\\',
      "'": "'",
      '"': '"',
      '0': '\0',
    };
    if (next === 'x' || next === 'u' || next === 'U') {
      const width = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      const code = Number.parseInt(text.slice(i + 1, i + 1 + width), 16);
      if (Number.isFinite(code) && code <= 0x10ffff) {
        out += String.fromCodePoint(code);
        i += width;
        continue;
      }
    }
    out += simple[next] ?? `\\${next}`;
  }
  return out;
}
