/**
 * A small language-neutral intermediate representation that the TypeScript
 * and Python front ends lower source files into, so that one data-flow engine
 * and one set of AI code rules serve both languages. It keeps only what the
 * rules need: calls with positional and keyword arguments (object-literal
 * options count as keyword arguments), assignments, guards, loops and nested
 * functions, in source order.
 */
export type SourceLanguage = 'typescript' | 'python';

export type IrExprKind =
  | 'string'
  | 'number'
  | 'literal'
  | 'name'
  | 'member'
  | 'call'
  | 'template'
  | 'object'
  | 'array'
  | 'function'
  | 'compare'
  | 'other';

export interface IrExpr {
  kind: IrExprKind;
  /** Source text, capped for evidence. */
  text: string;
  line: number;
  column: number;
  /** Dotted path for names and members (`client.chat.completions.create`), import-resolved. */
  path?: string;
  /** Value of a string literal, or the literal parts of a template / f-string joined. */
  value?: string;
  call?: IrCall;
  /** Sub-expressions whose data flows into this one (operands, elements, interpolations). */
  children: IrExpr[];
  /** Object literal or dict: key -> value. */
  props?: ReadonlyMap<string, IrExpr>;
  /** For `member`: the last property name. */
  property?: string;
  /** For `member`: the object expression. */
  object?: IrExpr;
  fn?: IrFunction;
}

export interface IrCall {
  /** Import-resolved dotted callee path; `new X()` is a call of `X`. */
  callee: string;
  calleeExpr: IrExpr;
  args: IrExpr[];
  /** Python keyword arguments and TypeScript object-literal option properties. */
  kwargs: ReadonlyMap<string, IrExpr>;
  line: number;
  column: number;
  text: string;
}

export type IrStatement =
  | { kind: 'assign'; targets: string[]; value: IrExpr; line: number; column: number; text: string }
  | { kind: 'expr'; expr: IrExpr; line: number }
  | { kind: 'guard'; condition: IrExpr; exits: boolean; line: number }
  | {
      kind: 'loop';
      unbounded: boolean;
      body: IrStatement[];
      line: number;
      column: number;
      text: string;
    }
  | { kind: 'function'; fn: IrFunction }
  | { kind: 'return'; expr?: IrExpr; line: number };

export interface IrFunction {
  name: string;
  params: string[];
  body: IrStatement[];
  decorators: IrExpr[];
  line: number;
}

export interface IrModule {
  language: SourceLanguage;
  /** The module body as a function named `<module>`. */
  main: IrFunction;
  /** Local alias -> imported module path (`cp` -> `child_process`, `run` -> `subprocess.run`). */
  imports: ReadonlyMap<string, string>;
  /** Imported module names (normalised, e.g. `openai`, `@langchain/openai`, `langchain.agents`). */
  importedModules: readonly string[];
  /** Pseudo-statements for template sinks (JSX dangerouslySetInnerHTML, Vue v-html). */
  hasSyntaxErrors: boolean;
}

export const MAX_TEXT = 200;

/** Maximum expression/statement nesting the front ends lower; deeper code becomes opaque. */
export const MAX_DEPTH = 120;

export function capText(text: string): string {
  const flat = text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
  return flat;
}

/** The last segment of a dotted path. */
export function lastSegment(path: string | undefined): string {
  if (path === undefined) return '';
  const index = path.lastIndexOf('.');
  return index < 0 ? path : path.slice(index + 1);
}

/** The first segment of a dotted path. */
export function rootSegment(path: string | undefined): string {
  if (path === undefined) return '';
  const index = path.indexOf('.');
  return index < 0 ? path : path.slice(0, index);
}

/** Rewrites the root of `path` through the import alias table. */
export function resolveAlias(path: string, imports: ReadonlyMap<string, string>): string {
  const root = rootSegment(path);
  const target = imports.get(root);
  if (target === undefined) return path;
  return target + path.slice(root.length);
}
