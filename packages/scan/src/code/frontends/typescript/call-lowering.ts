import type ts from 'typescript';
import type { IrCall, IrExpr } from '../../ir.js';
import { calleePath, type SourceSpan } from '../shared/ir-builders.js';
import {
  nodeText,
  position,
  type LowerTsExpr,
  type TypeScriptApi,
  type TypeScriptLoweringState,
} from './lowering-state.js';

/**
 * Calls and what the rules treat as calls: `f(a, { key: v })` and `new X()`
 * (object-literal properties become keyword arguments), tagged templates
 * (`sql\`...\``, the template as the argument), and JSX attributes bound to
 * expressions (`<div dangerouslySetInnerHTML={x} />` as `<jsx>.name(x)`).
 */
export interface TsCallLowering {
  call(state: TypeScriptLoweringState, node: ts.CallExpression | ts.NewExpression): IrCall;
  taggedTemplateCall(
    state: TypeScriptLoweringState,
    node: ts.TaggedTemplateExpression,
    base: SourceSpan,
  ): IrCall;
  /** JSX children are escaped by React; only attribute values and nested elements matter. */
  jsx(state: TypeScriptLoweringState, node: ts.Node): IrExpr[];
}

export function createCallLowering(ts: TypeScriptApi, lowerExpr: LowerTsExpr): TsCallLowering {
  const { SyntaxKind, forEachChild, isJsxAttribute, isJsxExpression } = ts;

  function call(
    state: TypeScriptLoweringState,
    node: ts.CallExpression | ts.NewExpression,
  ): IrCall {
    const pos = position(state, node);
    const calleeExpr = lowerExpr(state, node.expression);
    const args = (node.arguments ?? []).map((arg) => lowerExpr(state, arg));
    const kwargs = new Map<string, IrExpr>();
    for (const arg of args) {
      if (arg.kind === 'object' && arg.props)
        for (const [key, value] of arg.props) if (!kwargs.has(key)) kwargs.set(key, value);
    }
    let callee = calleePath(calleeExpr);
    if (node.expression.kind === SyntaxKind.ImportKeyword) callee = 'import';
    return {
      callee,
      calleeExpr,
      args,
      kwargs,
      line: pos.line,
      column: pos.column,
      text: nodeText(state, node),
    };
  }

  function taggedTemplateCall(
    state: TypeScriptLoweringState,
    node: ts.TaggedTemplateExpression,
    base: SourceSpan,
  ): IrCall {
    const calleeExpr = lowerExpr(state, node.tag);
    const template = lowerExpr(state, node.template);
    return {
      callee: calleeExpr.path ?? '',
      calleeExpr,
      args: [template],
      kwargs: new Map(),
      line: base.line,
      column: base.column,
      text: base.text,
    };
  }

  function jsx(state: TypeScriptLoweringState, node: ts.Node): IrExpr[] {
    const out: IrExpr[] = [];
    const visit = (child: ts.Node): void => {
      if (isJsxAttribute(child)) {
        const name = child.name.getText(state.source);
        const init = child.initializer;
        if (init && isJsxExpression(init) && init.expression) {
          const value = lowerExpr(state, init.expression);
          const pos = position(state, child);
          const calleeExpr: IrExpr = {
            kind: 'name',
            path: `<jsx>.${name}`,
            text: name,
            line: pos.line,
            column: pos.column,
            children: [],
          };
          out.push({
            kind: 'call',
            text: nodeText(state, child),
            line: pos.line,
            column: pos.column,
            children: [],
            call: {
              callee: `<jsx>.${name}`,
              calleeExpr,
              args: [value],
              kwargs: value.props ?? new Map(),
              line: pos.line,
              column: pos.column,
              text: nodeText(state, child),
            },
          });
        }
        return;
      }
      if (isJsxExpression(child)) {
        if (child.expression) {
          const inner = lowerExpr(state, child.expression);
          if (inner.kind === 'call' || inner.kind === 'function') out.push(inner);
        }
        return;
      }
      forEachChild(child, visit);
    };
    forEachChild(node, visit);
    return out;
  }

  return { call, taggedTemplateCall, jsx };
}
