import type { IrModule } from '../../ir.js';
import { moduleFunction } from '../shared/ir-builders.js';
import { loadPythonParser } from './python-parser.js';
import { createPythonLoweringState } from './lowering-state.js';
import { lowerBlock } from './statement-lowering.js';

/** Lowers Python source into the IR using tree-sitter's Python grammar. */
export async function lowerPython(text: string): Promise<IrModule> {
  const parser = await loadPythonParser();
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    const state = createPythonLoweringState(text);
    const root = tree.rootNode;
    const main = moduleFunction(lowerBlock(state, root));
    return {
      language: 'python',
      main,
      imports: state.imports,
      importedModules: [...state.modules],
      hasSyntaxErrors: root.hasError,
    };
  } finally {
    tree.delete();
  }
}
