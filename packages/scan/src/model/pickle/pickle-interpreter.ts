import * as calls from './call-opcodes.js';
import * as containers from './container-opcodes.js';
import type { Cursor } from './pickle-cursor.js';
import type { PickleAnalysis } from './pickle-analysis.js';
import { PickleMachine, type InlinePickleAnalyser } from './pickle-machine.js';
import { OPCODE_NAMES } from './pickle-opcodes.js';
import { UNKNOWN } from './pickle-values.js';
import { MAX_CONTAINER_ITEMS } from './pickle-vm-limits.js';
import { unescapePython } from './python-string-escape.js';

/**
 * Runs one pickle, opcode by opcode, up to and including its STOP: the
 * dispatch over every opcode of protocols 0–5 (arguments as in
 * `Lib/pickletools.py`). Scalars, strings, memo and stack opcodes are handled
 * here; imports and calls in `call-opcodes.ts`, containers in
 * `container-opcodes.ts`. Throws `PickleParseError` on a malformed stream.
 */
export function runPickle(
  cursor: Cursor,
  analysis: PickleAnalysis,
  budget: { ops: number },
  strictNames: boolean,
  analyseInline: InlinePickleAnalyser,
): void {
  const m = new PickleMachine(cursor, analysis, strictNames, analyseInline);
  const { stack, marks, memo } = m;

  for (;;) {
    if (--budget.ops < 0) m.fail('opcode budget exhausted (safety limit)', cursor.pos);
    const at = cursor.pos;
    const op = cursor.byte();
    const name = OPCODE_NAMES[op];
    if (name === undefined) m.fail(`unknown opcode 0x${op.toString(16).padStart(2, '0')}`, at);
    analysis.opcodes.add(name ?? '');
    switch (op) {
      case 0x80: {
        const protocol = cursor.byte();
        if (protocol > 5) m.fail(`unsupported pickle protocol ${protocol}`, at);
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
        if (stack.length > (marks[marks.length - 1] ?? 0) || marks.length === 0) m.pop(at);
        else m.popMark(at);
        break;
      case 0x31:
        m.popMark(at);
        break;
      case 0x32:
        stack.push(m.top(at));
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
        if (n < 0) m.fail('negative LONG4 length', at);
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
        m.pop(at);
        stack.push(UNKNOWN);
        break;
      case 0x53: {
        const raw = cursor.line();
        const quoted =
          raw.length >= 2 && (raw[0] === "'" || raw[0] === '"') && raw.endsWith(raw[0]);
        m.pushData({ k: 'str', v: quoted ? unescapePython(raw.slice(1, -1)) : raw }, at);
        break;
      }
      case 0x56:
        m.pushData({ k: 'str', v: unescapePython(cursor.line()) }, at);
        break;
      case 0x54: {
        const n = cursor.int32();
        if (n < 0) m.fail('negative BINSTRING length', at);
        m.pushData(m.readText(n, at, 'latin1'), at);
        break;
      }
      case 0x55:
        m.pushData(m.readText(cursor.uint(1), at, 'latin1'), at);
        break;
      case 0x58:
        m.pushData(m.readText(cursor.uint(4), at, 'utf8'), at);
        break;
      case 0x8c:
        m.pushData(m.readText(cursor.uint(1), at, 'utf8'), at);
        break;
      case 0x8d:
        m.pushData(m.readText(cursor.uint64(), at, 'utf8'), at);
        break;
      case 0x42:
        m.pushData(m.readBytes(cursor.uint(4), at), at);
        break;
      case 0x43:
        m.pushData(m.readBytes(cursor.uint(1), at), at);
        break;
      case 0x8e:
      case 0x96:
        m.pushData(m.readBytes(cursor.uint64(), at), at);
        break;
      case 0x97:
        stack.push(UNKNOWN);
        break;
      case 0x98:
        m.top(at);
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
        stack.push({ k: 'seq', items: m.popMark(at).slice(0, MAX_CONTAINER_ITEMS) });
        break;
      case 0x85:
      case 0x86:
      case 0x87:
        containers.runSmallTuple(m, op, at);
        break;
      case 0x64:
        containers.runDict(m, at);
        break;
      case 0x61:
        containers.runAppend(m, at);
        break;
      case 0x65:
      case 0x90:
        containers.runAppends(m, at);
        break;
      case 0x73:
        containers.runSetItem(m, at);
        break;
      case 0x75:
        containers.runSetItems(m, at);
        break;
      case 0x67:
        stack.push(m.memoGet(Number.parseInt(cursor.line(), 10), at));
        break;
      case 0x68:
        stack.push(m.memoGet(cursor.uint(1), at));
        break;
      case 0x6a:
        stack.push(m.memoGet(cursor.uint(4), at));
        break;
      case 0x70:
        memo.set(Number.parseInt(cursor.line(), 10), m.top(at));
        break;
      case 0x71:
        memo.set(cursor.uint(1), m.top(at));
        break;
      case 0x72:
        memo.set(cursor.uint(4), m.top(at));
        break;
      case 0x94:
        memo.set(memo.size, m.top(at));
        break;
      case 0x63:
        calls.runGlobal(m, at);
        break;
      case 0x93:
        calls.runStackGlobal(m, at);
        break;
      case 0x82:
      case 0x83:
      case 0x84:
        calls.runExtension(m, op, at, name ?? 'EXT');
        break;
      case 0x69:
        calls.runInst(m, at);
        break;
      case 0x6f:
        calls.runObj(m, at);
        break;
      case 0x52:
        calls.runReduce(m, at);
        break;
      case 0x81:
        calls.runNewObj(m, at);
        break;
      case 0x92:
        calls.runNewObjEx(m, at);
        break;
      case 0x62:
        calls.runBuild(m, at);
        break;
      default:
        m.fail(`unhandled opcode ${name ?? op}`, at);
    }
  }
}
