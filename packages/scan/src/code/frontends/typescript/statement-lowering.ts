import type ts from 'typescript';
import type { IrExpr, IrFunction, IrStatement } from '../../ir.js';
import { appendedValue } from '../shared/ir-builders.js';
import { lowerNested } from '../shared/nesting-guard.js';
import type { TsBindingNames } from './binding-names.js';
import type { TsImportBindings } from './import-bindings.js';
import type { TsLoopBounds } from './loop-bounds.js';
import {
  nodeText,
  position,
  type FunctionNode,
  type LowerTsExpr,
  type TsFunctionLowering,
  type TypeScriptApi,
  type TypeScriptLoweringState,
} from './lowering-state.js';

/**
 * Lowers TypeScript statements to IR statements in source order: imports and
 * `require`s are recorded (not emitted), `if` becomes a guard followed by both
 * branches, loops become loops (with whether they are unbounded), `try` its
 * blocks in turn, and functions, methods and class fields nested functions
 * and assignments.
 */
export interface TsStatementLowering extends TsFunctionLowering {
  statements(
    state: TypeScriptLoweringState,
    nodes: readonly ts.Statement[] | ts.NodeArray<ts.Statement>,
  ): IrStatement[];
}

/** What the statement lowering uses from the other lowering modules. */
export interface TsStatementLoweringParts {
  lowerExpr: LowerTsExpr;
  names: TsBindingNames;
  imports: TsImportBindings;
  loops: TsLoopBounds;
}

export function createStatementLowering(
  ts: TypeScriptApi,
  { lowerExpr, names, imports, loops }: TsStatementLoweringParts,
): TsStatementLowering {
  const {
    SyntaxKind,
    isBinaryExpression,
    isBlock,
    isClassDeclaration,
    isConstructorDeclaration,
    isDoStatement,
    isExportAssignment,
    isExpressionStatement,
    isForInStatement,
    isForOfStatement,
    isForStatement,
    isFunctionDeclaration,
    isIfStatement,
    isImportDeclaration,
    isLabeledStatement,
    isMethodDeclaration,
    isPropertyDeclaration,
    isReturnStatement,
    isSwitchStatement,
    isThrowStatement,
    isTryStatement,
    isVariableDeclarationList,
    isVariableStatement,
    isWhileStatement,
  } = ts;
  const { bindingNames } = names;
  const { exits, isConstantTrue, hasBoundedExit } = loops;

  function statements(
    state: TypeScriptLoweringState,
    nodes: readonly ts.Statement[] | ts.NodeArray<ts.Statement>,
  ): IrStatement[] {
    const out: IrStatement[] = [];
    for (const node of nodes) statement(state, node, out);
    return out;
  }

  function block(
    state: TypeScriptLoweringState,
    node: ts.Statement | undefined,
    out: IrStatement[],
  ): void {
    if (node === undefined) return;
    if (isBlock(node)) for (const child of node.statements) statement(state, child, out);
    else statement(state, node, out);
  }

  function statement(state: TypeScriptLoweringState, node: ts.Statement, out: IrStatement[]): void {
    lowerNested(state, node, (s, n) => statementAt(s, n, out), skip);
  }

  function skip(): void {}

  function statementAt(
    state: TypeScriptLoweringState,
    node: ts.Statement,
    out: IrStatement[],
  ): void {
    const pos = position(state, node);
    if (isImportDeclaration(node)) {
      imports.recordImportDeclaration(state, node);
    } else if (isVariableStatement(node)) {
      for (const decl of node.declarationList.declarations) declaration(state, decl, out);
    } else if (isExpressionStatement(node)) {
      expressionStatement(state, node.expression, out);
    } else if (isIfStatement(node)) {
      out.push({
        kind: 'guard',
        condition: lowerExpr(state, node.expression),
        exits: exits(node.thenStatement),
        line: pos.line,
      });
      block(state, node.thenStatement, out);
      block(state, node.elseStatement, out);
    } else if (isWhileStatement(node) || isDoStatement(node)) {
      const body: IrStatement[] = [];
      block(state, node.statement, body);
      out.push({ kind: 'expr', expr: lowerExpr(state, node.expression), line: pos.line });
      out.push({
        kind: 'loop',
        unbounded: isConstantTrue(node.expression) && !hasBoundedExit(node.statement),
        body,
        line: pos.line,
        column: pos.column,
        text: nodeText(state, node).split('\n')[0] ?? '',
      });
    } else if (isForStatement(node)) {
      const body: IrStatement[] = [];
      if (node.initializer && isVariableDeclarationList(node.initializer)) {
        for (const decl of node.initializer.declarations) declaration(state, decl, out);
      }
      block(state, node.statement, body);
      out.push({
        kind: 'loop',
        unbounded: node.condition === undefined && !hasBoundedExit(node.statement),
        body,
        line: pos.line,
        column: pos.column,
        text: nodeText(state, node).split('\n')[0] ?? '',
      });
    } else if (isForOfStatement(node) || isForInStatement(node)) {
      const body: IrStatement[] = [];
      const value = lowerExpr(state, node.expression);
      const targets = isVariableDeclarationList(node.initializer)
        ? node.initializer.declarations.flatMap((d) => bindingNames(d.name))
        : [node.initializer.getText(state.source)];
      body.push({
        kind: 'assign',
        targets,
        value,
        line: pos.line,
        column: pos.column,
        text: nodeText(state, node.expression),
      });
      block(state, node.statement, body);
      out.push({
        kind: 'loop',
        unbounded: false,
        body,
        line: pos.line,
        column: pos.column,
        text: '',
      });
    } else if (isReturnStatement(node) || isThrowStatement(node)) {
      const ret: IrStatement = { kind: 'return', line: pos.line };
      if (node.expression) ret.expr = lowerExpr(state, node.expression);
      out.push(ret);
    } else if (isTryStatement(node)) {
      block(state, node.tryBlock, out);
      if (node.catchClause) block(state, node.catchClause.block, out);
      if (node.finallyBlock) block(state, node.finallyBlock, out);
    } else if (isBlock(node)) {
      block(state, node, out);
    } else if (isLabeledStatement(node)) {
      statement(state, node.statement, out);
    } else if (isSwitchStatement(node)) {
      out.push({ kind: 'expr', expr: lowerExpr(state, node.expression), line: pos.line });
      for (const clause of node.caseBlock.clauses) {
        for (const child of clause.statements) statement(state, child, out);
      }
    } else if (isFunctionDeclaration(node)) {
      out.push({ kind: 'function', fn: fn(state, node, node.name?.text ?? '<anonymous>') });
    } else if (isClassDeclaration(node)) {
      classMembers(state, node, out);
    } else if (isExportAssignment(node)) {
      out.push({ kind: 'expr', expr: lowerExpr(state, node.expression), line: pos.line });
    }
  }

  function classMembers(
    state: TypeScriptLoweringState,
    node: ts.ClassDeclaration | ts.ClassExpression,
    out: IrStatement[],
  ): void {
    for (const member of node.members) {
      if ((isMethodDeclaration(member) || isConstructorDeclaration(member)) && member.body) {
        out.push({
          kind: 'function',
          fn: fn(state, member, member.name?.getText(state.source) ?? 'constructor'),
        });
      } else if (isPropertyDeclaration(member) && member.initializer) {
        const pos = position(state, member);
        out.push({
          kind: 'assign',
          targets: [`this.${member.name.getText(state.source)}`],
          value: lowerExpr(state, member.initializer),
          line: pos.line,
          column: pos.column,
          text: nodeText(state, member),
        });
      }
    }
  }

  function declaration(
    state: TypeScriptLoweringState,
    decl: ts.VariableDeclaration,
    out: IrStatement[],
  ): void {
    if (!decl.initializer) return;
    if (imports.recordRequire(state, decl)) return;
    const pos = position(state, decl);
    out.push({
      kind: 'assign',
      targets: bindingNames(decl.name),
      value: lowerExpr(state, decl.initializer),
      line: pos.line,
      column: pos.column,
      text: nodeText(state, decl),
    });
  }

  /** `x = v` and `x += v` as assignments; any other expression statement as an expression. */
  function expressionStatement(
    state: TypeScriptLoweringState,
    node: ts.Expression,
    out: IrStatement[],
  ): void {
    const pos = position(state, node);
    if (
      isBinaryExpression(node) &&
      (node.operatorToken.kind === SyntaxKind.EqualsToken ||
        node.operatorToken.kind === SyntaxKind.PlusEqualsToken)
    ) {
      const target = lowerExpr(state, node.left);
      const value = lowerExpr(state, node.right);
      const targetName = target.path ?? node.left.getText(state.source);
      const merged: IrExpr =
        node.operatorToken.kind === SyntaxKind.PlusEqualsToken
          ? appendedValue(target, value)
          : value;
      out.push({
        kind: 'assign',
        targets: [targetName],
        value: merged,
        line: pos.line,
        column: pos.column,
        text: nodeText(state, node),
      });
      return;
    }
    out.push({ kind: 'expr', expr: lowerExpr(state, node), line: pos.line });
  }

  function fn(state: TypeScriptLoweringState, node: FunctionNode, name: string): IrFunction {
    const pos = position(state, node);
    const body: IrStatement[] = [];
    if (node.body) {
      if (isBlock(node.body)) block(state, node.body, body);
      else
        body.push({
          kind: 'return',
          expr: lowerExpr(state, node.body),
          line: position(state, node.body).line,
        });
    }
    return {
      name,
      params: node.parameters.flatMap((p) => bindingNames(p.name)),
      body,
      decorators: [],
      line: pos.line,
    };
  }

  return { statements, fn, classMembers };
}
