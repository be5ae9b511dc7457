import type ts from 'typescript';
import { bindImportedMember } from '../shared/import-table.js';
import type { TypeScriptApi, TypeScriptLoweringState } from './lowering-state.js';

/**
 * Records what ES imports and CommonJS / dynamic imports bind:
 * `import x from 'm'` and `import * as x from 'm'` bind `x` -> `m`,
 * `import { a as b } from 'm'` binds `b` -> `m.a`, and so do
 * `const x = require('m')`, `const { a: b } = await import('m')`.
 * `node:` prefixes are dropped (`node:fs` is `fs`).
 */
export interface TsImportBindings {
  recordImportDeclaration(state: TypeScriptLoweringState, node: ts.ImportDeclaration): void;
  /**
   * When `decl` initialises from `require('m')` / `import('m')` (awaited or
   * parenthesised), records its bindings and returns true.
   */
  recordRequire(state: TypeScriptLoweringState, decl: ts.VariableDeclaration): boolean;
}

function normaliseModule(name: string): string {
  return name.startsWith('node:') ? name.slice(5) : name;
}

export function createImportBindings(ts: TypeScriptApi): TsImportBindings {
  const {
    SyntaxKind,
    isAwaitExpression,
    isCallExpression,
    isIdentifier,
    isNamedImports,
    isNamespaceImport,
    isObjectBindingPattern,
    isParenthesizedExpression,
    isStringLiteral,
  } = ts;

  function recordImportDeclaration(
    state: TypeScriptLoweringState,
    node: ts.ImportDeclaration,
  ): void {
    if (!isStringLiteral(node.moduleSpecifier)) return;
    const module = normaliseModule(node.moduleSpecifier.text);
    state.modules.add(module);
    const clause = node.importClause;
    if (!clause) return;
    if (clause.name) state.imports.set(clause.name.text, module);
    const bindings = clause.namedBindings;
    if (bindings && isNamespaceImport(bindings)) state.imports.set(bindings.name.text, module);
    if (bindings && isNamedImports(bindings)) {
      for (const element of bindings.elements) {
        const imported = element.propertyName?.getText(state.source) ?? element.name.text;
        bindImportedMember(state, element.name.text, module, imported);
      }
    }
  }

  function requireModule(
    state: TypeScriptLoweringState,
    node: ts.Expression | undefined,
  ): string | undefined {
    let current = node;
    while (current && (isAwaitExpression(current) || isParenthesizedExpression(current))) {
      current = current.expression;
    }
    if (
      current &&
      isCallExpression(current) &&
      (current.expression.getText(state.source) === 'require' ||
        current.expression.kind === SyntaxKind.ImportKeyword) &&
      current.arguments[0] &&
      isStringLiteral(current.arguments[0])
    ) {
      return normaliseModule(current.arguments[0].text);
    }
    return undefined;
  }

  function recordRequire(state: TypeScriptLoweringState, decl: ts.VariableDeclaration): boolean {
    const module = requireModule(state, decl.initializer);
    if (module === undefined) return false;
    state.modules.add(module);
    if (isIdentifier(decl.name)) state.imports.set(decl.name.text, module);
    else if (isObjectBindingPattern(decl.name)) {
      for (const element of decl.name.elements) {
        if (!isIdentifier(element.name)) continue;
        const imported = element.propertyName?.getText(state.source) ?? element.name.text;
        bindImportedMember(state, element.name.text, module, imported);
      }
    }
    return true;
  }

  return { recordImportDeclaration, recordRequire };
}
