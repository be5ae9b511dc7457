import type { PyNode } from './python-parser.js';

/**
 * `node.childForFieldName` looks the field name up linearly on every call;
 * the grammar's field ids are resolved once per name here instead.
 */
const FIELD_IDS = new Map<string, number>();

/** The child of `node` in the grammar field `name`, or null. */
export function field(node: PyNode, name: string): PyNode | null {
  let id = FIELD_IDS.get(name);
  if (id === undefined) {
    id = node.tree.language.fields.indexOf(name);
    FIELD_IDS.set(name, id);
  }
  return id < 0 ? null : node.childForFieldId(id);
}
