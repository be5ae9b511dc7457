import type ts from 'typescript';
import type { TypeScriptApi } from './lowering-state.js';

/** Names read off TypeScript declarations: bound variable names and property keys. */
export interface TsBindingNames {
  /** Every name a binding binds (`a`, `{ a, b: [c] }` -> a, c; holes skipped). */
  bindingNames(name: ts.BindingName): string[];
  /** A property key as written (`a`, `'a'`, `1` by value; computed keys as source text). */
  propertyName(name: ts.PropertyName, source: ts.SourceFile): string;
}

export function createBindingNames(ts: TypeScriptApi): TsBindingNames {
  const { isIdentifier, isNumericLiteral, isOmittedExpression, isStringLiteral } = ts;

  function propertyName(name: ts.PropertyName, source: ts.SourceFile): string {
    if (isIdentifier(name) || isStringLiteral(name) || isNumericLiteral(name)) return name.text;
    return name.getText(source);
  }

  function bindingNames(name: ts.BindingName): string[] {
    if (isIdentifier(name)) return [name.text];
    const out: string[] = [];
    for (const element of name.elements) {
      if (isOmittedExpression(element)) continue;
      out.push(...bindingNames(element.name));
    }
    return out;
  }

  return { bindingNames, propertyName };
}
