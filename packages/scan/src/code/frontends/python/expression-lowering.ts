import { resolveAlias, type IrExpr, type IrStatement } from '../../ir.js';
import { memberExpr, tooDeepExpr, type SourceSpan } from '../shared/ir-builders.js';
import { lowerNested } from '../shared/nesting-guard.js';
import type { PyNode } from './python-parser.js';
import { lowerCall, pipeCall } from './call-lowering.js';
import { field } from './node-fields.js';
import { position, snippet, type PythonLoweringState } from './lowering-state.js';
import { stringValue } from './syntax-values.js';

/**
 * Lowers a Python expression to an IR expression: names resolved through the
 * imports, attribute and subscript access as members, strings and f-strings
 * with their literal text, calls, operators, containers, lambdas and
 * comprehensions. Nesting past MAX_DEPTH is lowered as opaque.
 */
export function lowerExpression(state: PythonLoweringState, node: PyNode): IrExpr {
  return lowerNested(state, node, lowerExpressionAt, tooDeep);
}

function tooDeep(_state: PythonLoweringState, node: PyNode): IrExpr {
  return tooDeepExpr(node.startPosition.row + 1, node.startPosition.column + 1);
}

function lowerAll(state: PythonLoweringState, node: PyNode): IrExpr[] {
  return node.namedChildren
    .filter((c): c is PyNode => c !== null)
    .map((c) => lowerExpression(state, c));
}

function opaque(base: SourceSpan, children: IrExpr[] = []): IrExpr {
  return { kind: 'other', text: base.text, line: base.line, column: base.column, children };
}

function lowerExpressionAt(state: PythonLoweringState, node: PyNode): IrExpr {
  const pos = position(node);
  const base = { text: snippet(state, node), line: pos.line, column: pos.column };
  switch (node.type) {
    case 'identifier':
      return {
        kind: 'name',
        text: base.text,
        line: base.line,
        column: base.column,
        children: [],
        path: resolveAlias(node.text, state.imports),
      };
    case 'attribute': {
      const objectNode = field(node, 'object');
      const property = field(node, 'attribute')?.text ?? '';
      if (!objectNode) return opaque(base);
      const object = lowerExpression(state, objectNode);
      return memberExpr(base, object, property, [object]);
    }
    case 'subscript': {
      const valueNode = field(node, 'value');
      if (!valueNode) return opaque(base);
      const object = lowerExpression(state, valueNode);
      const sub = field(node, 'subscript');
      const key = sub?.type === 'string' ? stringValue(sub) : '[]';
      const children = [object];
      if (sub && key === '[]') children.push(lowerExpression(state, sub));
      return memberExpr(base, object, key, children);
    }
    case 'string':
      return lowerString(state, node, base);
    case 'concatenated_string':
      return lowerConcatenatedString(state, node, base);
    case 'integer':
    case 'float':
      return {
        kind: 'number',
        text: base.text,
        line: base.line,
        column: base.column,
        children: [],
        value: node.text,
      };
    case 'true':
    case 'false':
    case 'none':
      return {
        kind: 'literal',
        text: base.text,
        line: base.line,
        column: base.column,
        children: [],
        value: node.text,
      };
    case 'call':
      return {
        kind: 'call',
        text: base.text,
        line: base.line,
        column: base.column,
        children: [],
        call: lowerCall(state, node, lowerExpression),
      };
    case 'binary_operator':
      return lowerBinaryOperator(state, node, base);
    case 'comparison_operator':
      return {
        kind: 'compare',
        text: base.text,
        line: base.line,
        column: base.column,
        children: lowerAll(state, node),
      };
    case 'dictionary':
      return lowerDictionary(state, node, base);
    case 'list':
    case 'tuple':
    case 'set':
      return {
        kind: 'array',
        text: base.text,
        line: base.line,
        column: base.column,
        children: lowerAll(state, node),
      };
    case 'lambda':
      return lowerLambda(state, node, base);
    case 'list_comprehension':
    case 'generator_expression':
    case 'set_comprehension':
    case 'dictionary_comprehension': {
      // `[d.page_content for d in docs]`: the element depends on the iterable.
      const children: IrExpr[] = [];
      const body = field(node, 'body');
      for (const clause of node.namedChildren) {
        if (clause?.type === 'for_in_clause') {
          const right = field(clause, 'right');
          if (right) children.push(lowerExpression(state, right));
        }
      }
      if (body && children.length === 0) children.push(lowerExpression(state, body));
      return opaque(base, children);
    }
    case 'await':
    case 'parenthesized_expression':
    case 'keyword_argument':
    case 'list_splat':
    case 'dictionary_splat':
    case 'expression_list': {
      const inner = node.namedChildren.filter((c): c is PyNode => c !== null);
      if (inner.length === 1 && inner[0]) return lowerExpression(state, inner[0]);
      return {
        kind: node.type === 'expression_list' ? 'array' : 'other',
        text: base.text,
        line: base.line,
        column: base.column,
        children: inner.map((c) => lowerExpression(state, c)),
      };
    }
    case 'conditional_expression':
    case 'boolean_operator':
    case 'not_operator':
    case 'unary_operator':
      return opaque(base, lowerAll(state, node));
    default:
      return opaque(base);
  }
}

/** A string: plain, or (an f-string) a template of its interpolations. */
function lowerString(state: PythonLoweringState, node: PyNode, base: SourceSpan): IrExpr {
  const interpolations = node.namedChildren.filter((c): c is PyNode => c?.type === 'interpolation');
  const value = stringValue(node);
  if (interpolations.length === 0)
    return {
      kind: 'string',
      text: base.text,
      line: base.line,
      column: base.column,
      children: [],
      value,
    };
  const children = interpolations.map((i) => lowerExpression(state, i.namedChildren[0] ?? i));
  return {
    kind: 'template',
    text: base.text,
    line: base.line,
    column: base.column,
    value,
    children,
  };
}

/** `"a" "b"`: a string when every part is plain, else a template of the parts. */
function lowerConcatenatedString(
  state: PythonLoweringState,
  node: PyNode,
  base: SourceSpan,
): IrExpr {
  const parts = node.namedChildren
    .filter((c): c is PyNode => c !== null)
    .map((c) => lowerExpression(state, c));
  const value = parts.map((p) => p.value ?? '').join('');
  if (parts.every((p) => p.kind === 'string'))
    return {
      kind: 'string',
      text: base.text,
      line: base.line,
      column: base.column,
      children: [],
      value,
    };
  return {
    kind: 'template',
    text: base.text,
    line: base.line,
    column: base.column,
    value,
    children: parts,
  };
}

/** `a + b` and `fmt % args` build text (templates); `a | b` is a LangChain pipe. */
function lowerBinaryOperator(state: PythonLoweringState, node: PyNode, base: SourceSpan): IrExpr {
  const left = field(node, 'left');
  const right = field(node, 'right');
  const children = [left, right]
    .filter((c): c is PyNode => c !== null)
    .map((c) => lowerExpression(state, c));
  const op = field(node, 'operator')?.type ?? '';
  if (op === '+' || op === '%') {
    const value = children.map((c) => c.value ?? '').join('');
    return {
      kind: 'template',
      text: base.text,
      line: base.line,
      column: base.column,
      value,
      children,
    };
  }
  if (op === '|')
    return {
      kind: 'call',
      text: base.text,
      line: base.line,
      column: base.column,
      children: [],
      call: pipeCall(base, children),
    };
  return opaque(base, children);
}

/** A dict: string keys become props (like keyword arguments); every value is a child. */
function lowerDictionary(state: PythonLoweringState, node: PyNode, base: SourceSpan): IrExpr {
  const props = new Map<string, IrExpr>();
  const children: IrExpr[] = [];
  for (const pair of node.namedChildren) {
    if (!pair) continue;
    if (pair.type === 'pair') {
      const key = field(pair, 'key');
      const valueNode = field(pair, 'value');
      if (!valueNode) continue;
      const value = lowerExpression(state, valueNode);
      if (key?.type === 'string') props.set(stringValue(key), value);
      children.push(value);
    } else {
      children.push(lowerExpression(state, pair));
    }
  }
  return {
    kind: 'object',
    text: base.text,
    line: base.line,
    column: base.column,
    props,
    children,
  };
}

/** `lambda x: body` as a function returning its body. */
function lowerLambda(state: PythonLoweringState, node: PyNode, base: SourceSpan): IrExpr {
  const bodyNode = field(node, 'body');
  const params: string[] = [];
  for (const p of field(node, 'parameters')?.namedChildren ?? [])
    if (p?.type === 'identifier') params.push(p.text);
  const body: IrStatement[] = bodyNode
    ? [{ kind: 'return', expr: lowerExpression(state, bodyNode), line: base.line }]
    : [];
  return {
    kind: 'function',
    text: base.text,
    line: base.line,
    column: base.column,
    children: [],
    fn: { name: '<lambda>', params, body, decorators: [], line: base.line },
  };
}
