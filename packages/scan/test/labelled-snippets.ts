import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One labelled snippet from test/fixtures/code-rules. */
export interface LabelledSnippet {
  ruleId: string;
  label: 'pos' | 'neg';
  path: string;
  code: string;
  index: number;
}

export const FIXTURE_DIR = fileURLToPath(new URL('./fixtures/code-rules/', import.meta.url));

const EXT: Record<string, string> = {
  py: 'snippet.py',
  ts: 'snippet.ts',
  js: 'snippet.js',
  tsx: 'snippet.tsx',
  vue: 'Snippet.vue',
};

export function loadSnippets(): LabelledSnippet[] {
  const out: LabelledSnippet[] = [];
  for (const file of readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    const ruleId = file.slice(0, -4);
    const text = readFileSync(join(FIXTURE_DIR, file), 'utf8');
    const parts = text.split(/^=== /m).slice(1);
    parts.forEach((part, index) => {
      const newline = part.indexOf('\n');
      const [label, lang, path] = part.slice(0, newline).trim().split(/\s+/);
      if (label !== 'pos' && label !== 'neg') throw new Error(`${file}: bad label ${label ?? ''}`);
      const resolved = lang === 'file' ? path : EXT[lang ?? ''];
      if (resolved === undefined) throw new Error(`${file}: bad language ${lang ?? ''}`);
      out.push({ ruleId, label, path: resolved, code: part.slice(newline + 1), index });
    });
  }
  return out;
}
