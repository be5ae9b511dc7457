import type { IrExpr, IrFunction, IrStatement } from '../../ir.js';
import { appendedValue } from '../shared/ir-builders.js';
import { lowerNested } from '../shared/nesting-guard.js';
import type { PyNode } from './python-parser.js';
import { lowerExpression } from './expression-lowering.js';
import { recordImport, recordImportFrom } from './import-bindings.js';
import { blockExits, hasBoundedExit } from './loop-bounds.js';
import { field } from './node-fields.js';
import { position, snippet, type PythonLoweringState } from './lowering-state.js';
import { targetNames } from './syntax-values.js';

/**
 * Lowers Python statements to IR statements in source order: imports are
 * recorded (not emitted), `if`/`elif` become guards followed by every branch,
 * `for`/`while` become loops, `with ... as x` an assignment, `try` its blocks
 * in turn, and function definitions (with decorators) nested functions.
 */
export function lowerBlock(
  state: PythonLoweringState,
  node: PyNode | null | undefined,
): IrStatement[] {
  const out: IrStatement[] = [];
  if (!node) return out;
  for (const child of node.namedChildren) if (child) lowerStatement(state, child, out);
  return out;
}

function lowerStatement(state: PythonLoweringState, node: PyNode, out: IrStatement[]): void {
  lowerNested(state, node, (s, n) => lowerStatementAt(s, n, out), skip);
}

function skip(): void {}

function lowerStatementAt(state: PythonLoweringState, node: PyNode, out: IrStatement[]): void {
  const pos = position(node);
  switch (node.type) {
    case 'import_statement':
      recordImport(state, node);
      return;
    case 'import_from_statement':
      recordImportFrom(state, node);
      return;
    case 'expression_statement':
      for (const child of node.namedChildren)
        if (child) lowerExpressionStatement(state, child, out);
      return;
    case 'if_statement':
    case 'elif_clause': {
      const condition = field(node, 'condition');
      const consequence = field(node, 'consequence');
      if (condition) {
        out.push({
          kind: 'guard',
          condition: lowerExpression(state, condition),
          exits: blockExits(consequence),
          line: pos.line,
        });
      }
      out.push(...lowerBlock(state, consequence));
      for (const alt of node.childrenForFieldName('alternative')) {
        if (!alt) continue;
        if (alt.type === 'elif_clause') lowerStatement(state, alt, out);
        else out.push(...lowerBlock(state, field(alt, 'body')));
      }
      return;
    }
    case 'for_statement': {
      const body: IrStatement[] = [];
      const left = field(node, 'left');
      const right = field(node, 'right');
      if (left && right) {
        body.push({
          kind: 'assign',
          targets: targetNames(left),
          value: lowerExpression(state, right),
          line: pos.line,
          column: pos.column,
          text: snippet(state, right),
        });
      }
      body.push(...lowerBlock(state, field(node, 'body')));
      out.push({
        kind: 'loop',
        unbounded: false,
        body,
        line: pos.line,
        column: pos.column,
        text: '',
      });
      return;
    }
    case 'while_statement': {
      const condition = field(node, 'condition');
      const bodyNode = field(node, 'body');
      const body = lowerBlock(state, bodyNode);
      const constant =
        condition !== null &&
        (condition.type === 'true' || (condition.type === 'integer' && condition.text !== '0'));
      out.push({
        kind: 'loop',
        unbounded: constant && !hasBoundedExit(bodyNode),
        body,
        line: pos.line,
        column: pos.column,
        text: snippet(state, node).split('\n')[0] ?? '',
      });
      return;
    }
    case 'with_statement':
      lowerWith(state, node, out);
      return;
    case 'try_statement':
      out.push(...lowerBlock(state, field(node, 'body')));
      for (const child of node.namedChildren) {
        if (
          child &&
          (child.type === 'except_clause' ||
            child.type === 'finally_clause' ||
            child.type === 'else_clause')
        ) {
          const blockNode = child.namedChildren.find((c) => c?.type === 'block');
          out.push(...lowerBlock(state, blockNode));
        }
      }
      return;
    case 'return_statement':
    case 'raise_statement': {
      const value = node.namedChildren[0];
      const ret: IrStatement = { kind: 'return', line: pos.line };
      if (value) ret.expr = lowerExpression(state, value);
      out.push(ret);
      return;
    }
    case 'function_definition':
      out.push({ kind: 'function', fn: lowerFunction(state, node, []) });
      return;
    case 'decorated_definition': {
      const decorators = node.namedChildren
        .filter((c): c is PyNode => c?.type === 'decorator')
        .map((d) => lowerExpression(state, d.namedChildren[0] ?? d));
      const definition = field(node, 'definition');
      if (definition?.type === 'function_definition')
        out.push({ kind: 'function', fn: lowerFunction(state, definition, decorators) });
      else if (definition) lowerStatement(state, definition, out);
      return;
    }
    case 'class_definition':
      out.push(...lowerBlock(state, field(node, 'body')));
      return;
    case 'block':
      out.push(...lowerBlock(state, node));
      return;
    default:
      return;
  }
}

/** `with open(p) as f:`: each `as` item assigns its value to its target, then the body. */
function lowerWith(state: PythonLoweringState, node: PyNode, out: IrStatement[]): void {
  const pos = position(node);
  for (const item of node.descendantsOfType('with_item')) {
    const value = item ? field(item, 'value') : undefined;
    if (!value) continue;
    if (value.type === 'as_pattern') {
      const source = value.namedChildren[0];
      const alias = field(value, 'alias');
      if (source && alias) {
        out.push({
          kind: 'assign',
          targets: targetNames(alias),
          value: lowerExpression(state, source),
          line: pos.line,
          column: pos.column,
          text: snippet(state, value),
        });
      }
    } else {
      out.push({ kind: 'expr', expr: lowerExpression(state, value), line: pos.line });
    }
  }
  out.push(...lowerBlock(state, field(node, 'body')));
}

/** `x = v` and `x += v` as assignments; any other expression statement as an expression. */
function lowerExpressionStatement(
  state: PythonLoweringState,
  node: PyNode,
  out: IrStatement[],
): void {
  const pos = position(node);
  if (node.type === 'assignment' || node.type === 'augmented_assignment') {
    const left = field(node, 'left');
    const right = field(node, 'right');
    if (!left || !right) return;
    let value = lowerExpression(state, right);
    if (node.type === 'augmented_assignment')
      value = appendedValue(lowerExpression(state, left), value);
    out.push({
      kind: 'assign',
      targets: targetNames(left),
      value,
      line: pos.line,
      column: pos.column,
      text: snippet(state, node),
    });
    return;
  }
  out.push({ kind: 'expr', expr: lowerExpression(state, node), line: pos.line });
}

/** A `def`: its parameters (`self` / `cls` left out), body and decorators. */
function lowerFunction(state: PythonLoweringState, node: PyNode, decorators: IrExpr[]): IrFunction {
  const params: string[] = [];
  const parameters = field(node, 'parameters');
  for (const param of parameters?.namedChildren ?? []) {
    if (!param) continue;
    const name =
      param.type === 'identifier'
        ? param
        : (field(param, 'name') ?? param.namedChildren.find((c) => c?.type === 'identifier'));
    if (name && name.text !== 'self' && name.text !== 'cls') params.push(name.text);
  }
  return {
    name: field(node, 'name')?.text ?? '<anonymous>',
    params,
    body: lowerBlock(state, field(node, 'body')),
    decorators,
    line: position(node).line,
  };
}
