import type { ImportTable } from '../shared/import-table.js';
import type { NestingDepth } from '../shared/nesting-guard.js';
import { sourceSnippet } from '../shared/source-snippet.js';
import type { PyNode } from './python-parser.js';

/** What the Python lowering of one file carries along: its text, its imports and the nesting depth. */
export interface PythonLoweringState extends ImportTable, NestingDepth {
  readonly source: string;
}

export function createPythonLoweringState(source: string): PythonLoweringState {
  return { source, imports: new Map(), modules: new Set(), depth: 0 };
}

/** 1-based line and column of a node's start. */
export function position(node: PyNode): { line: number; column: number } {
  return { line: node.startPosition.row + 1, column: node.startPosition.column + 1 };
}

/** Capped source text of a node; `node.text` on every node of a big file would be quadratic. */
export function snippet(state: PythonLoweringState, node: PyNode): string {
  return sourceSnippet(state.source, node.startIndex, node.endIndex);
}
