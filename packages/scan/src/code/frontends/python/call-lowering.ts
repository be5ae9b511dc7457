import type { IrCall, IrExpr } from '../../ir.js';
import { calleePath, type SourceSpan } from '../shared/ir-builders.js';
import type { PyNode } from './python-parser.js';
import { field } from './node-fields.js';
import { position, snippet, type PythonLoweringState } from './lowering-state.js';

/** Lowers one sub-expression (the expression lowering, passed in to keep imports acyclic). */
export type LowerPythonExpr = (state: PythonLoweringState, node: PyNode) => IrExpr;

/** A call `f(a, b, key=value)`: positional arguments and keyword arguments apart. */
export function lowerCall(
  state: PythonLoweringState,
  node: PyNode,
  lowerExpr: LowerPythonExpr,
): IrCall {
  const pos = position(node);
  const fnNode = field(node, 'function');
  const calleeExpr = fnNode
    ? lowerExpr(state, fnNode)
    : { kind: 'other' as const, text: '', line: pos.line, column: pos.column, children: [] };
  const args: IrExpr[] = [];
  const kwargs = new Map<string, IrExpr>();
  const argNode = field(node, 'arguments');
  // `f(x for x in xs)`: the generator itself is the only argument.
  const argNodes =
    argNode?.type === 'generator_expression' ? [argNode] : (argNode?.namedChildren ?? []);
  for (const arg of argNodes) {
    if (!arg || arg.type === 'comment') continue;
    if (arg.type === 'keyword_argument') {
      const name = field(arg, 'name')?.text ?? '';
      const value = field(arg, 'value');
      if (value) kwargs.set(name, lowerExpr(state, value));
    } else {
      args.push(lowerExpr(state, arg));
    }
  }
  return {
    callee: calleePath(calleeExpr),
    calleeExpr,
    args,
    kwargs,
    line: pos.line,
    column: pos.column,
    text: snippet(state, node),
  };
}

/** `prompt | llm | parser` (LangChain expression language) as a pseudo call `<pipe>`. */
export function pipeCall(base: SourceSpan, children: IrExpr[]): IrCall {
  const calleeExpr: IrExpr = {
    kind: 'name',
    path: '<pipe>',
    text: '|',
    line: base.line,
    column: base.column,
    children: [],
  };
  return {
    callee: '<pipe>',
    calleeExpr,
    args: children,
    kwargs: new Map(),
    line: base.line,
    column: base.column,
    text: base.text,
  };
}
