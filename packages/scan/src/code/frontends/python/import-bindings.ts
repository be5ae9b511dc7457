import { bindImportedMember, type ImportTable } from '../shared/import-table.js';
import type { PyNode } from './python-parser.js';
import { field } from './node-fields.js';

/**
 * Records what Python import statements bind: `import a.b` binds `a`,
 * `import a.b as c` binds `c` -> `a.b`, `from m import x as y` binds
 * `y` -> `m.x`. Every imported module is recorded by its dotted name.
 */
export function recordImport(table: ImportTable, node: PyNode): void {
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'dotted_name') {
      table.modules.add(child.text);
      const root = child.text.split('.')[0] ?? child.text;
      table.imports.set(root, root);
    } else if (child.type === 'aliased_import') {
      const name = field(child, 'name')?.text ?? '';
      const alias = field(child, 'alias')?.text ?? name;
      table.modules.add(name);
      table.imports.set(alias, name);
    }
  }
}

/** `from module import name [as alias], ...` */
export function recordImportFrom(table: ImportTable, node: PyNode): void {
  const module = field(node, 'module_name')?.text ?? '';
  table.modules.add(module);
  for (const child of node.childrenForFieldName('name')) {
    if (!child) continue;
    if (child.type === 'aliased_import') {
      const name = field(child, 'name')?.text ?? '';
      const alias = field(child, 'alias')?.text ?? name;
      bindImportedMember(table, alias, module, name);
    } else {
      bindImportedMember(table, child.text, module, child.text);
    }
  }
}
