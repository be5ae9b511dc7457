import type { PyNode } from './python-parser.js';
import { field } from './node-fields.js';

/**
 * Whether a `while` loop has a way out: the statements that leave a block,
 * and loop bodies that leave under a numeric comparison
 * (`if attempts > MAX: break`), which make a `while True:` bounded.
 */
const LOOP_EXITS = new Set([
  'return_statement',
  'raise_statement',
  'break_statement',
  'continue_statement',
]);

/** A block with a return / raise / break / continue directly in it. */
export function blockExits(node: PyNode | null): boolean {
  if (!node) return false;
  return node.namedChildren.some((c) => c !== null && LOOP_EXITS.has(c.type));
}

/** A loop body with an `if` on a `<`/`>` comparison whose block exits. */
export function hasBoundedExit(body: PyNode | null): boolean {
  if (!body) return false;
  for (const ifNode of body.descendantsOfType('if_statement')) {
    const condition = ifNode ? field(ifNode, 'condition') : undefined;
    if (!condition) continue;
    const comparison =
      condition.type === 'comparison_operator' ||
      condition.descendantsOfType('comparison_operator').length > 0;
    if (
      comparison &&
      /[<>]/.test(condition.text) &&
      blockExits((ifNode ? field(ifNode, 'consequence') : undefined) ?? null)
    )
      return true;
  }
  return false;
}
