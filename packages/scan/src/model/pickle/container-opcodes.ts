import type { PickleMachine } from './pickle-machine.js';
import { UNKNOWN, type PickleValue } from './pickle-values.js';
import { MAX_CONTAINER_ITEMS } from './pickle-vm-limits.js';

/**
 * The opcodes that build tuples, lists, sets and dicts (`Lib/pickletools.py`:
 * TUPLE1/2/3, DICT, APPEND(S), ADDITEMS, SETITEM(S)). Symbolic containers
 * keep at most `MAX_CONTAINER_ITEMS` items; the rest are read and dropped.
 */

/** TUPLE1/TUPLE2/TUPLE3: the top 1–3 stack items as a tuple. */
export function runSmallTuple(m: PickleMachine, op: number, at: number): void {
  const n = op - 0x84;
  const items: PickleValue[] = [];
  for (let i = 0; i < n; i++) items.unshift(m.pop(at));
  m.stack.push({ k: 'seq', items });
}

/** DICT: key/value pairs above the MARK. */
export function runDict(m: PickleMachine, at: number): void {
  const items = m.popMark(at);
  const entries: [PickleValue, PickleValue][] = [];
  for (let i = 0; i + 1 < items.length && entries.length < MAX_CONTAINER_ITEMS; i += 2) {
    entries.push([items[i] ?? UNKNOWN, items[i + 1] ?? UNKNOWN]);
  }
  m.stack.push({ k: 'dict', entries });
}

/** APPEND: one value onto the list below it. */
export function runAppend(m: PickleMachine, at: number): void {
  const value = m.pop(at);
  const list = m.top(at);
  if (list.k === 'seq' && list.items.length < MAX_CONTAINER_ITEMS) list.items.push(value);
}

/** APPENDS/ADDITEMS: the values above the MARK onto the list or set below it. */
export function runAppends(m: PickleMachine, at: number): void {
  const values = m.popMark(at);
  const list = m.top(at);
  if (list.k === 'seq') {
    for (const v of values) if (list.items.length < MAX_CONTAINER_ITEMS) list.items.push(v);
  }
}

/** SETITEM: one key/value pair into the dict below it. */
export function runSetItem(m: PickleMachine, at: number): void {
  const value = m.pop(at);
  const key = m.pop(at);
  const dict = m.top(at);
  if (dict.k === 'dict' && dict.entries.length < MAX_CONTAINER_ITEMS)
    dict.entries.push([key, value]);
}

/** SETITEMS: the key/value pairs above the MARK into the dict below it. */
export function runSetItems(m: PickleMachine, at: number): void {
  const items = m.popMark(at);
  const dict = m.top(at);
  if (dict.k === 'dict') {
    for (let i = 0; i + 1 < items.length && dict.entries.length < MAX_CONTAINER_ITEMS; i += 2) {
      dict.entries.push([items[i] ?? UNKNOWN, items[i + 1] ?? UNKNOWN]);
    }
  }
}
