import type { PyNode } from './python-parser.js';

/**
 * Plain values read straight off Python syntax: the literal text of a string
 * and the names an assignment target binds.
 */

/** The literal parts of a string (f-string interpolations left out), `\n` and `\t` unescaped. */
export function stringValue(node: PyNode): string {
  return node.namedChildren
    .filter((c): c is PyNode => c?.type === 'string_content')
    .map((c) => c.text)
    .join('')
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t');
}

/** Names bound by an assignment / `for` / `as` target; other targets as their text (`self.x`). */
export function targetNames(node: PyNode): string[] {
  if (node.type === 'identifier') return [node.text];
  if (
    node.type === 'pattern_list' ||
    node.type === 'tuple_pattern' ||
    node.type === 'list_pattern' ||
    node.type === 'tuple'
  ) {
    return node.namedChildren.flatMap((c) => (c ? targetNames(c) : []));
  }
  return [node.text];
}
