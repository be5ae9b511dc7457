import { MAX_DEPTH } from '../../ir.js';

/** Per-file lowering state that counts the current statement/expression nesting. */
export interface NestingDepth {
  depth: number;
}

/**
 * Runs `lower(state, node)` one nesting level deeper, or returns
 * `tooDeep(state, node)` at MAX_DEPTH: deeper code is lowered as opaque, so
 * hostile nesting cannot exhaust the stack.
 */
export function lowerNested<State extends NestingDepth, Node, Result>(
  state: State,
  node: Node,
  lower: (state: State, node: Node) => Result,
  tooDeep: (state: State, node: Node) => Result,
): Result {
  if (state.depth >= MAX_DEPTH) return tooDeep(state, node);
  state.depth++;
  try {
    return lower(state, node);
  } finally {
    state.depth--;
  }
}
