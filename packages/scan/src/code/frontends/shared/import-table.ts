/**
 * The imports a front end collects while lowering one file: local alias ->
 * imported path (the IR's `imports`, used to resolve call paths) and the set
 * of imported module names (the IR's `importedModules`). Python's
 * `from m import x as y` and TypeScript's `import { x as y } from 'm'` (or
 * `const { x: y } = require('m')`) bind the same way: `y` -> `m.x`.
 */
export interface ImportTable {
  readonly imports: Map<string, string>;
  readonly modules: Set<string>;
}

/** Records `local` as an alias of the member `member` of `module`. */
export function bindImportedMember(
  table: ImportTable,
  local: string,
  module: string,
  member: string,
): void {
  table.imports.set(local, `${module}.${member}`);
}
