import type ts from 'typescript';
import { resolveAlias, type IrExpr, type IrStatement } from '../../ir.js';
import { memberExpr, tooDeepExpr, type SourceSpan } from '../shared/ir-builders.js';
import { lowerNested } from '../shared/nesting-guard.js';
import { sourceSnippet } from '../shared/source-snippet.js';
import type { TsBindingNames } from './binding-names.js';
import { createCallLowering } from './call-lowering.js';
import {
  nodeText,
  position,
  positionAt,
  type LowerTsExpr,
  type TsFunctionLowering,
  type TypeScriptApi,
  type TypeScriptLoweringState,
} from './lowering-state.js';

/**
 * Lowers a TypeScript expression to an IR expression: names resolved through
 * the imports, property and element access as members, string, number and
 * template literals with their literal text, calls, operators, object and
 * array literals, functions and classes, and JSX. Wrappers that do not change
 * the value (`await`, parentheses, `as`, `!`, `satisfies`, spread, `typeof`,
 * `void`) are looked through. Nesting past MAX_DEPTH is lowered as opaque.
 */
export function createExpressionLowering(
  ts: TypeScriptApi,
  names: TsBindingNames,
  functions: TsFunctionLowering,
): LowerTsExpr {
  const {
    SyntaxKind,
    isArrayLiteralExpression,
    isArrowFunction,
    isAsExpression,
    isAwaitExpression,
    isBigIntLiteral,
    isBinaryExpression,
    isCallExpression,
    isClassExpression,
    isConditionalExpression,
    isElementAccessExpression,
    isFunctionExpression,
    isIdentifier,
    isJsxElement,
    isJsxExpression,
    isJsxFragment,
    isJsxSelfClosingElement,
    isMethodDeclaration,
    isNewExpression,
    isNoSubstitutionTemplateLiteral,
    isNonNullExpression,
    isNumericLiteral,
    isObjectLiteralExpression,
    isParenthesizedExpression,
    isPostfixUnaryExpression,
    isPrefixUnaryExpression,
    isPropertyAccessExpression,
    isPropertyAssignment,
    isSatisfiesExpression,
    isShorthandPropertyAssignment,
    isSpreadAssignment,
    isSpreadElement,
    isStringLiteral,
    isTaggedTemplateExpression,
    isTemplateExpression,
    isTypeAssertionExpression,
    isTypeOfExpression,
    isVoidExpression,
  } = ts;
  const { propertyName } = names;
  const calls = createCallLowering(ts, expr);

  function expr(state: TypeScriptLoweringState, node: ts.Expression | ts.Node): IrExpr {
    return lowerNested(state, node, exprAt, tooDeep);
  }

  function tooDeep(state: TypeScriptLoweringState, node: ts.Node): IrExpr {
    const pos = position(state, node);
    return tooDeepExpr(pos.line, pos.column);
  }

  function opaque(base: SourceSpan, children: IrExpr[] = []): IrExpr {
    return { kind: 'other', text: base.text, line: base.line, column: base.column, children };
  }

  function exprAt(state: TypeScriptLoweringState, node: ts.Expression | ts.Node): IrExpr {
    const start = node.getStart(state.source);
    const pos = positionAt(state, start);
    const base = {
      text: sourceSnippet(state.source.text, start, node.end),
      line: pos.line,
      column: pos.column,
    };
    if (
      isAwaitExpression(node) ||
      isParenthesizedExpression(node) ||
      isAsExpression(node) ||
      isNonNullExpression(node) ||
      isTypeAssertionExpression(node) ||
      isSatisfiesExpression(node) ||
      isSpreadElement(node) ||
      isTypeOfExpression(node) ||
      isVoidExpression(node)
    ) {
      return expr(state, node.expression);
    }
    if (isIdentifier(node) || node.kind === SyntaxKind.ThisKeyword) {
      const raw = node.getText(state.source);
      return {
        kind: 'name',
        text: base.text,
        line: base.line,
        column: base.column,
        children: [],
        path: resolveAlias(raw, state.imports),
      };
    }
    if (isStringLiteral(node) || isNoSubstitutionTemplateLiteral(node)) {
      return {
        kind: 'string',
        text: base.text,
        line: base.line,
        column: base.column,
        children: [],
        value: node.text,
      };
    }
    if (isNumericLiteral(node) || isBigIntLiteral(node))
      return {
        kind: 'number',
        text: base.text,
        line: base.line,
        column: base.column,
        children: [],
        value: node.text,
      };
    if (
      node.kind === SyntaxKind.TrueKeyword ||
      node.kind === SyntaxKind.FalseKeyword ||
      node.kind === SyntaxKind.NullKeyword ||
      node.kind === SyntaxKind.UndefinedKeyword
    ) {
      return {
        kind: 'literal',
        text: base.text,
        line: base.line,
        column: base.column,
        children: [],
        value: node.getText(state.source),
      };
    }
    if (isPropertyAccessExpression(node) || isElementAccessExpression(node)) {
      const object = expr(state, node.expression);
      const property = isPropertyAccessExpression(node)
        ? node.name.text
        : isStringLiteral(node.argumentExpression)
          ? node.argumentExpression.text
          : '[]';
      const children = [object];
      if (isElementAccessExpression(node) && property === '[]')
        children.push(expr(state, node.argumentExpression));
      return memberExpr(base, object, property, children);
    }
    if (isCallExpression(node) || isNewExpression(node)) {
      return {
        kind: 'call',
        text: base.text,
        line: base.line,
        column: base.column,
        children: [],
        call: calls.call(state, node),
      };
    }
    if (isTaggedTemplateExpression(node)) {
      const call = calls.taggedTemplateCall(state, node, base);
      return {
        kind: 'call',
        text: base.text,
        line: base.line,
        column: base.column,
        children: [],
        call,
      };
    }
    if (isTemplateExpression(node)) {
      const children = node.templateSpans.map((span) => expr(state, span.expression));
      const value = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(
        '',
      );
      return {
        kind: 'template',
        text: base.text,
        line: base.line,
        column: base.column,
        value,
        children,
      };
    }
    if (isBinaryExpression(node)) return binary(state, node, base);
    if (isConditionalExpression(node)) {
      return opaque(base, [expr(state, node.whenTrue), expr(state, node.whenFalse)]);
    }
    if (isPrefixUnaryExpression(node) || isPostfixUnaryExpression(node)) {
      return opaque(base, [expr(state, node.operand)]);
    }
    if (isObjectLiteralExpression(node)) return objectLiteral(state, node, base);
    if (isArrayLiteralExpression(node)) {
      return {
        kind: 'array',
        text: base.text,
        line: base.line,
        column: base.column,
        children: node.elements.map((e) => expr(state, e)),
      };
    }
    if (isArrowFunction(node) || isFunctionExpression(node)) {
      return {
        kind: 'function',
        text: base.text,
        line: base.line,
        column: base.column,
        children: [],
        fn: functions.fn(state, node, '<lambda>'),
      };
    }
    if (isClassExpression(node)) {
      const body: IrStatement[] = [];
      functions.classMembers(state, node, body);
      return {
        kind: 'function',
        text: base.text,
        line: base.line,
        column: base.column,
        children: [],
        fn: { name: '<class>', params: [], body, decorators: [], line: pos.line },
      };
    }
    if (isJsxElement(node) || isJsxSelfClosingElement(node) || isJsxFragment(node)) {
      return opaque(base, calls.jsx(state, node));
    }
    if (isJsxExpression(node)) {
      return node.expression ? expr(state, node.expression) : opaque(base);
    }
    return opaque(base);
  }

  /** `a + b` builds text (a template); comparisons are `compare`; other operators opaque. */
  function binary(
    state: TypeScriptLoweringState,
    node: ts.BinaryExpression,
    base: SourceSpan,
  ): IrExpr {
    const op = node.operatorToken.kind;
    const children = [expr(state, node.left), expr(state, node.right)];
    if (op === SyntaxKind.PlusToken) {
      const value = children.map((c) => (c.kind === 'string' ? (c.value ?? '') : '')).join('');
      return {
        kind: 'template',
        text: base.text,
        line: base.line,
        column: base.column,
        value,
        children,
      };
    }
    const comparison =
      op === SyntaxKind.LessThanToken ||
      op === SyntaxKind.LessThanEqualsToken ||
      op === SyntaxKind.GreaterThanToken ||
      op === SyntaxKind.GreaterThanEqualsToken ||
      op === SyntaxKind.EqualsEqualsEqualsToken ||
      op === SyntaxKind.ExclamationEqualsEqualsToken ||
      op === SyntaxKind.EqualsEqualsToken ||
      op === SyntaxKind.ExclamationEqualsToken ||
      op === SyntaxKind.InKeyword ||
      op === SyntaxKind.InstanceOfKeyword;
    return {
      kind: comparison ? 'compare' : 'other',
      text: base.text,
      line: base.line,
      column: base.column,
      children,
    };
  }

  /** An object literal: named properties and methods become props (keyword arguments of a call). */
  function objectLiteral(
    state: TypeScriptLoweringState,
    node: ts.ObjectLiteralExpression,
    base: SourceSpan,
  ): IrExpr {
    const props = new Map<string, IrExpr>();
    const children: IrExpr[] = [];
    for (const prop of node.properties) {
      if (isPropertyAssignment(prop)) {
        const value = expr(state, prop.initializer);
        props.set(propertyName(prop.name, state.source), value);
        children.push(value);
      } else if (isShorthandPropertyAssignment(prop)) {
        const value = expr(state, prop.name);
        props.set(prop.name.text, value);
        children.push(value);
      } else if (isSpreadAssignment(prop)) {
        children.push(expr(state, prop.expression));
      } else if (isMethodDeclaration(prop)) {
        const fn = functions.fn(state, prop, propertyName(prop.name, state.source));
        const at = position(state, prop);
        const value: IrExpr = {
          kind: 'function',
          text: nodeText(state, prop),
          line: at.line,
          column: at.column,
          children: [],
          fn,
        };
        props.set(fn.name, value);
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

  return expr;
}
