import { isDottedIdentifier } from './dotted-identifier.js';
import type { PickleMachine } from './pickle-machine.js';
import { rootGlobal, type PickleGlobal, type PickleValue } from './pickle-values.js';

/**
 * What the VM reports: every global a stream imports (GLOBAL, STACK_GLOBAL,
 * INST, EXT1/2/4, `getattr` chains) and whether it is called (REDUCE, INST,
 * OBJ) or instantiated (NEWOBJ, NEWOBJ_EX). Opcode semantics follow
 * `Lib/pickletools.py`.
 */
export function addGlobal(
  machine: PickleMachine,
  module: string,
  name: string,
  at: number,
  opcode: string,
  dynamic: boolean,
): PickleValue {
  if (
    !dynamic &&
    machine.strictNames &&
    !(isDottedIdentifier(module) && isDottedIdentifier(name))
  ) {
    machine.fail('invalid global name', at);
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
  machine.analysis.globals.push(ref);
  return { k: 'global', ref };
}

function markCalled(callee: PickleValue, how: 'reduce' | 'new'): void {
  const ref = rootGlobal(callee);
  if (ref === undefined) return;
  if (how === 'reduce') ref.called = true;
  else ref.instantiated = true;
}

export function str(value: PickleValue): string | undefined {
  return value.k === 'str' ? value.v : undefined;
}

/** Applies `callee` to `args` symbolically, marking the global it roots in. */
export function call(
  machine: PickleMachine,
  callee: PickleValue,
  args: PickleValue,
  how: 'reduce' | 'new',
): PickleValue {
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
            machine,
            base.module,
            `${base.name}.${attr}`,
            callee.ref.offset,
            'getattr',
            true,
          );
        }
        return addGlobal(machine, '<computed>', `<${attr}>`, callee.ref.offset, 'getattr', true);
      }
    }
  }
  return { k: 'call', callee, args, how };
}
