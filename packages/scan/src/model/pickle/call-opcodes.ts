import { isDottedIdentifier } from './dotted-identifier.js';
import { addGlobal, call, str } from './global-references.js';
import { skipJoblibArray } from './joblib-array.js';
import type { PickleMachine } from './pickle-machine.js';
import { UNKNOWN, rootGlobal } from './pickle-values.js';

/**
 * The opcodes that import or call (`Lib/pickletools.py`): GLOBAL,
 * STACK_GLOBAL, EXT1/2/4, INST, OBJ, REDUCE, NEWOBJ, NEWOBJ_EX and BUILD.
 * Each pushes a symbolic global or call and records it through
 * `global-references.ts`.
 */

/** GLOBAL: module and qualified name as two newline-terminated lines. */
export function runGlobal(m: PickleMachine, at: number): void {
  const module = m.cursor.line();
  const qualname = m.cursor.line();
  m.stack.push(addGlobal(m, module, qualname, at, 'GLOBAL', false));
}

/** STACK_GLOBAL: module and name popped from the stack (possibly computed). */
export function runStackGlobal(m: PickleMachine, at: number): void {
  const qualname = m.pop(at);
  const module = m.pop(at);
  const mod = str(module);
  const name = str(qualname);
  if (mod !== undefined && name !== undefined) {
    m.stack.push(
      addGlobal(
        m,
        mod,
        name,
        at,
        'STACK_GLOBAL',
        !isDottedIdentifier(mod) || !isDottedIdentifier(name),
      ),
    );
  } else {
    m.stack.push(addGlobal(m, mod ?? '<computed>', name ?? '<computed>', at, 'STACK_GLOBAL', true));
  }
}

/** EXT1/EXT2/EXT4: a global from the copyreg extension registry, by code. */
export function runExtension(m: PickleMachine, op: number, at: number, name: string): void {
  const code = m.cursor.uint(op === 0x82 ? 1 : op === 0x83 ? 2 : 4);
  m.stack.push(addGlobal(m, 'copyreg', `<extension ${code}>`, at, name, true));
}

/** INST: class named inline, called with the items above the MARK. */
export function runInst(m: PickleMachine, at: number): void {
  const module = m.cursor.line();
  const qualname = m.cursor.line();
  const args = m.popMark(at);
  const cls = addGlobal(m, module, qualname, at, 'INST', false);
  m.stack.push(call(m, cls, { k: 'seq', items: args }, 'reduce'));
}

/** OBJ: the first item above the MARK is the class, the rest its arguments. */
export function runObj(m: PickleMachine, at: number): void {
  const items = m.popMark(at);
  const cls = items.shift();
  if (cls === undefined) m.fail('OBJ without a class', at);
  m.stack.push(call(m, cls ?? UNKNOWN, { k: 'seq', items }, 'reduce'));
}

/** REDUCE: callable and argument tuple from the stack. */
export function runReduce(m: PickleMachine, at: number): void {
  const args = m.pop(at);
  const callee = m.pop(at);
  m.stack.push(call(m, callee, args, 'reduce'));
}

/** NEWOBJ: `cls.__new__(cls, *args)`. */
export function runNewObj(m: PickleMachine, at: number): void {
  const args = m.pop(at);
  const cls = m.pop(at);
  m.stack.push(call(m, cls, args, 'new'));
}

/** NEWOBJ_EX: `cls.__new__(cls, *args, **kwargs)`. */
export function runNewObjEx(m: PickleMachine, at: number): void {
  m.pop(at);
  const args = m.pop(at);
  const cls = m.pop(at);
  m.stack.push(call(m, cls, args, 'new'));
}

/**
 * BUILD: sets an object's state. On a joblib `NumpyArrayWrapper` the array
 * bytes follow in the stream and are skipped (an object array is a complete
 * pickle of its own, walked in place); on a fresh NEWOBJ instance a non-dict
 * state runs the class's `__setstate__`, which counts as a call.
 */
export function runBuild(m: PickleMachine, at: number): void {
  const { cursor, analysis } = m;
  const state = m.pop(at);
  const target = m.top(at);
  const ref = rootGlobal(target);
  if (ref !== undefined && target.k === 'call' && ref.name.endsWith('NumpyArrayWrapper')) {
    const skipped = skipJoblibArray(cursor.source, cursor.pos, state);
    if (!skipped.ok) m.fail(skipped.reason, cursor.pos);
    else if (skipped.inlinePickle === true) {
      // Object arrays are a complete pickle of their own inside the stream.
      const inner = m.analyseInline(cursor.source, cursor.pos);
      analysis.globals.push(...inner.globals);
      analysis.nested.push(...inner.nested);
      if (inner.error !== undefined)
        m.fail(`object array: ${inner.error.message}`, inner.error.offset);
      cursor.pos = inner.end;
    } else {
      cursor.pos = skipped.end;
    }
  } else if (ref !== undefined && target.k === 'call' && target.how === 'new') {
    // BUILD on a freshly built instance runs its class's __setstate__.
    ref.called = ref.called || state.k !== 'dict';
  }
}
