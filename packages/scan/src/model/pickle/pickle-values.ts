import type { ByteSource } from '../byte-source.js';

/**
 * A global reference met in a pickle stream: what GLOBAL, STACK_GLOBAL, INST
 * or EXT* would import, and how the stream used it afterwards.
 */
export interface PickleGlobal {
  module: string;
  name: string;
  /** Byte offset of the opcode that produced it, relative to the scanned source. */
  offset: number;
  opcode: string;
  /** Called through REDUCE, INST, OBJ or used as a BUILD target's `__setstate__`. */
  called: boolean;
  /** Instantiated through NEWOBJ / NEWOBJ_EX / `copyreg._reconstructor`. */
  instantiated: boolean;
  /** The module or name was computed at load time, not written as a literal. */
  dynamic: boolean;
}

/** Symbolic value on the VM stack; nothing is ever executed. */
export type PickleValue =
  | { k: 'str'; v: string }
  | { k: 'bytes'; size: number; head: Uint8Array; source: ByteSource; offset: number }
  | { k: 'scalar'; v: number | boolean | null }
  | { k: 'global'; ref: PickleGlobal }
  | { k: 'call'; callee: PickleValue; args: PickleValue; how: 'reduce' | 'new' }
  | { k: 'seq'; items: PickleValue[] }
  | { k: 'dict'; entries: [PickleValue, PickleValue][] }
  | { k: 'unknown' };

export const UNKNOWN: PickleValue = { k: 'unknown' };

/** The global a value ultimately came from (`os.system` for `os.system(...)(...)`). */
export function rootGlobal(value: PickleValue): PickleGlobal | undefined {
  let current: PickleValue = value;
  for (let hops = 0; hops < 64; hops++) {
    if (current.k === 'global') return current.ref;
    if (current.k !== 'call') return undefined;
    current = current.callee;
  }
  return undefined;
}

/** Short printable rendering for evidence and names built at load time. */
export function describeValue(value: PickleValue, depth = 0): string {
  if (depth > 3) return '…';
  switch (value.k) {
    case 'str':
      return JSON.stringify(value.v.length > 80 ? `${value.v.slice(0, 80)}…` : value.v);
    case 'bytes':
      return `<${value.size} bytes>`;
    case 'scalar':
      return String(value.v);
    case 'global':
      return `${value.ref.module}.${value.ref.name}`;
    case 'call':
      return `${describeValue(value.callee, depth + 1)}(${describeValue(value.args, depth + 1)})`;
    case 'seq':
      return value.items
        .slice(0, 4)
        .map((item) => describeValue(item, depth + 1))
        .join(', ');
    case 'dict':
      return '{…}';
    case 'unknown':
      return '?';
  }
}
