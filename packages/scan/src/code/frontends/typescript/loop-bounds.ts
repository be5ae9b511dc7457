import type ts from 'typescript';
import type { TypeScriptApi } from './lowering-state.js';

/**
 * Whether a loop has a way out: statements that leave a block, constant-true
 * conditions, and loop bodies that leave under a numeric comparison
 * (`if (i >= MAX) break`), which make a `while (true)` bounded.
 */
export interface TsLoopBounds {
  /** A return / throw / break / continue, alone or directly in a block. */
  exits(node: ts.Statement): boolean;
  /** `true` or a non-zero number literal. */
  isConstantTrue(node: ts.Expression): boolean;
  /** A loop body that leaves the loop under a numeric comparison (`if (i >= MAX) break`). */
  hasBoundedExit(body: ts.Node): boolean;
}

export function createLoopBounds(ts: TypeScriptApi): TsLoopBounds {
  const {
    SyntaxKind,
    forEachChild,
    isBinaryExpression,
    isBlock,
    isBreakStatement,
    isContinueStatement,
    isFunctionLike,
    isIfStatement,
    isNumericLiteral,
    isReturnStatement,
    isThrowStatement,
  } = ts;

  function exits(node: ts.Statement): boolean {
    if (
      isReturnStatement(node) ||
      isThrowStatement(node) ||
      isBreakStatement(node) ||
      isContinueStatement(node)
    )
      return true;
    if (isBlock(node)) return node.statements.some((s) => exits(s));
    return false;
  }

  function isConstantTrue(node: ts.Expression): boolean {
    return node.kind === SyntaxKind.TrueKeyword || (isNumericLiteral(node) && node.text !== '0');
  }

  function hasBoundedExit(body: ts.Node): boolean {
    let found = false;
    const visit = (node: ts.Node): void => {
      if (found) return;
      if (isFunctionLike(node)) return;
      if (isIfStatement(node) && hasComparison(node.expression) && exits(node.thenStatement)) {
        found = true;
        return;
      }
      forEachChild(node, visit);
    };
    visit(body);
    return found;
  }

  function hasComparison(node: ts.Node): boolean {
    if (
      isBinaryExpression(node) &&
      [
        SyntaxKind.LessThanToken,
        SyntaxKind.LessThanEqualsToken,
        SyntaxKind.GreaterThanToken,
        SyntaxKind.GreaterThanEqualsToken,
      ].includes(node.operatorToken.kind)
    ) {
      return true;
    }
    let found = false;
    forEachChild(node, (child) => {
      if (!found && hasComparison(child)) found = true;
    });
    return found;
  }

  return { exits, isConstantTrue, hasBoundedExit };
}
