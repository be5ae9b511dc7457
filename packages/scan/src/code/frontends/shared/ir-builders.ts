import type { IrExpr, IrFunction } from '../../ir.js';

/**
 * IR constructors that both front ends build the same way, so that a
 * TypeScript and a Python construct with the same meaning lower to the same
 * shape (the rules and the taint engine see no difference).
 */

/** Where an expression is in the source, with its capped text. */
export interface SourceSpan {
  text: string;
  line: number;
  column: number;
}

/** The module body as the pseudo-function `<module>`. */
export function moduleFunction(body: IrFunction['body']): IrFunction {
  return { name: '<module>', params: [], body, decorators: [], line: 1 };
}

/** An expression nested past MAX_DEPTH, lowered as opaque. */
export function tooDeepExpr(line: number, column: number): IrExpr {
  return { kind: 'other', text: '…', line, column, children: [] };
}

/**
 * `object.property` (or `object["property"]`, or `object[...]` as property
 * `[]`): its path extends the object's import-resolved path.
 */
export function memberExpr(
  span: SourceSpan,
  object: IrExpr,
  property: string,
  children: IrExpr[],
): IrExpr {
  const result: IrExpr = {
    kind: 'member',
    text: span.text,
    line: span.line,
    column: span.column,
    object,
    property,
    children,
  };
  if (object.path !== undefined) result.path = `${object.path}.${property}`;
  return result;
}

/**
 * The callee path of a call: the callee's resolved path, or `?.name` for a
 * method of an unresolved object, or '' when neither is known.
 */
export function calleePath(calleeExpr: IrExpr): string {
  return calleeExpr.path ?? (calleeExpr.kind === 'member' ? `?.${calleeExpr.property ?? ''}` : '');
}

/** The value of `target += value`: a template of both, so taint in either flows on. */
export function appendedValue(target: IrExpr, value: IrExpr): IrExpr {
  return { ...value, kind: 'template', children: [target, value] };
}
