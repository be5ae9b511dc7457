import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as TreeSitter from '@vscode/tree-sitter-wasm';

/**
 * Loads tree-sitter's WebAssembly runtime and the Python grammar shipped in
 * the `@vscode/tree-sitter-wasm` package from node_modules (never from the
 * network). Loaded once per process, lazily.
 */
let parserPromise: Promise<TreeSitter.Parser> | undefined;

export function loadPythonParser(): Promise<TreeSitter.Parser> {
  parserPromise ??= (async () => {
    const require = createRequire(import.meta.url);
    const runtime = require('@vscode/tree-sitter-wasm') as typeof TreeSitter;
    const dir = dirname(require.resolve('@vscode/tree-sitter-wasm'));
    await runtime.Parser.init({ locateFile: (file: string) => join(dir, file) });
    const language = await runtime.Language.load(join(dir, 'tree-sitter-python.wasm'));
    const parser = new runtime.Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return parserPromise;
}

export type PyNode = TreeSitter.Node;
