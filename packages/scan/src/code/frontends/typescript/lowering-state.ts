import type ts from 'typescript';
import type { IrExpr, IrFunction, IrStatement } from '../../ir.js';
import type { ImportTable } from '../shared/import-table.js';
import type { NestingDepth } from '../shared/nesting-guard.js';
import { sourceSnippet } from '../shared/source-snippet.js';

/** The TypeScript compiler API, loaded lazily by lower-typescript.ts and passed to each lowering factory. */
export type TypeScriptApi = typeof ts;

/** What the TypeScript lowering of one file carries along: its syntax tree, its imports and the nesting depth. */
export interface TypeScriptLoweringState extends ImportTable, NestingDepth {
  readonly source: ts.SourceFile;
}

export function createTypeScriptLoweringState(source: ts.SourceFile): TypeScriptLoweringState {
  return { source, imports: new Map(), modules: new Set(), depth: 0 };
}

/** A function-like node with an optional (block or expression) body. */
export type FunctionNode = ts.SignatureDeclaration & { body?: ts.ConciseBody | undefined };

/** Lowers one expression (the expression lowering, passed to the modules that need it). */
export type LowerTsExpr = (state: TypeScriptLoweringState, node: ts.Expression | ts.Node) => IrExpr;

/** The statement-side entry points that the expression lowering calls back into. */
export interface TsFunctionLowering {
  fn(state: TypeScriptLoweringState, node: FunctionNode, name: string): IrFunction;
  classMembers(
    state: TypeScriptLoweringState,
    node: ts.ClassDeclaration | ts.ClassExpression,
    out: IrStatement[],
  ): void;
}

/** 1-based line and column of a node's start (leading trivia skipped). */
export function position(
  state: TypeScriptLoweringState,
  node: ts.Node,
): { line: number; column: number } {
  return positionAt(state, node.getStart(state.source));
}

export function positionAt(
  state: TypeScriptLoweringState,
  start: number,
): { line: number; column: number } {
  const { line, character } = state.source.getLineAndCharacterOfPosition(start);
  return { line: line + 1, column: character + 1 };
}

/** Capped source text of a node (getText() on every node of a big file would be quadratic). */
export function nodeText(state: TypeScriptLoweringState, node: ts.Node): string {
  return sourceSnippet(state.source.text, node.getStart(state.source), node.end);
}
