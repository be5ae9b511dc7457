import type { IrExpr, IrModule } from '../ir.js';
import { lowerTypeScript } from './typescript/lower-typescript.js';

/**
 * Vue single-file components: the `<script>` block is lowered as TypeScript
 * and each `v-html="expr"` binding becomes a pseudo-call `<vue>.v-html(expr)`
 * at the end of the module, so model output bound to v-html is a sink.
 */
const SCRIPT = /<script\b[^>]*>([\s\S]*?)<\/script>/g;
const V_HTML = /v-html\s*=\s*"([^"]*)"/g;

export function lowerVue(path: string, text: string): IrModule {
  const scripts: string[] = [];
  let scriptLineOffset = 0;
  for (const match of text.matchAll(SCRIPT)) {
    if (scripts.length === 0) scriptLineOffset = text.slice(0, match.index).split('\n').length - 1;
    scripts.push(match[1] ?? '');
  }
  const padded = '\n'.repeat(scriptLineOffset) + scripts.join('\n');
  const bindings: string[] = [];
  for (const match of text.matchAll(V_HTML)) {
    const line = text.slice(0, match.index).split('\n').length;
    bindings.push(`\n/*line ${line}*/ __bulwark_vhtml(${match[1] ?? ''});`);
  }
  const module = lowerTypeScript(`${path}.ts`, padded + bindings.join(''));
  rewriteVHtml(module);
  return module;
}

function rewriteVHtml(module: IrModule): void {
  for (const statement of module.main.body) {
    if (statement.kind !== 'expr' || statement.expr.kind !== 'call' || !statement.expr.call)
      continue;
    const call = statement.expr.call;
    if (call.callee !== '__bulwark_vhtml') continue;
    const callee: IrExpr = { ...call.calleeExpr, path: '<vue>.v-html' };
    statement.expr.call = {
      ...call,
      callee: '<vue>.v-html',
      calleeExpr: callee,
      text: `v-html="${call.args[0]?.text ?? ''}"`,
    };
  }
}
