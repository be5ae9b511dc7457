import { createRequire } from 'node:module';
import type { IrModule } from '../../ir.js';
import { moduleFunction } from '../shared/ir-builders.js';
import { createBindingNames } from './binding-names.js';
import { createExpressionLowering } from './expression-lowering.js';
import { createImportBindings } from './import-bindings.js';
import { createLoopBounds } from './loop-bounds.js';
import {
  createTypeScriptLoweringState,
  type TsFunctionLowering,
  type TypeScriptApi,
} from './lowering-state.js';
import { createStatementLowering } from './statement-lowering.js';

type Lowerer = (path: string, text: string) => IrModule;

let lowerer: Lowerer | undefined;

/**
 * Lowers a TS/JS/JSX/TSX source file to the IR. The TypeScript compiler
 * (several MB of JavaScript) is loaded on first use, so commands that never
 * parse TypeScript do not pay for it at start-up.
 */
export function lowerTypeScript(path: string, text: string): IrModule {
  lowerer ??= buildLowerer(createRequire(import.meta.url)('typescript') as TypeScriptApi);
  return lowerer(path, text);
}

/**
 * Builds the lowering modules once over the loaded compiler API. Each module
 * binds the API functions it uses (the namespace exposes them through
 * getters), so the per-node checks are plain function calls.
 */
function buildLowerer(ts: TypeScriptApi): Lowerer {
  const names = createBindingNames(ts);
  // The expression lowering calls back into the statement lowering (function bodies,
  // classes), which is built after it: those calls go through this forwarder.
  const functions: TsFunctionLowering = {
    fn: (state, node, name) => statements.fn(state, node, name),
    classMembers: (state, node, out) => statements.classMembers(state, node, out),
  };
  const lowerExpr = createExpressionLowering(ts, names, functions);
  const statements = createStatementLowering(ts, {
    lowerExpr,
    names,
    imports: createImportBindings(ts),
    loops: createLoopBounds(ts),
  });

  /**
   * Lowers TypeScript / JavaScript (incl. JSX) into the IR with the TypeScript
   * compiler API's parser (no type checking: one file at a time, fast).
   */
  return (path, text) => {
    const kind = path.endsWith('.tsx')
      ? ts.ScriptKind.TSX
      : path.endsWith('.ts') || path.endsWith('.mts') || path.endsWith('.cts')
        ? ts.ScriptKind.TS
        : ts.ScriptKind.JSX;
    // JSDoc is irrelevant to the rules; skipping it is a large saving on library code.
    const source = ts.createSourceFile(
      path,
      text,
      { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
      false,
      kind,
    );
    const state = createTypeScriptLoweringState(source);
    const main = moduleFunction(statements.statements(state, source.statements));
    const diagnostics = (source as unknown as { parseDiagnostics?: readonly unknown[] })
      .parseDiagnostics;
    return {
      language: 'typescript',
      main,
      imports: state.imports,
      importedModules: [...state.modules],
      hasSyntaxErrors: (diagnostics?.length ?? 0) > 0,
    };
  };
}
