/**
 * Finds framework-ID-looking tokens in the repository's source and rule data,
 * for the test that every referenced ID exists in the catalog. Each pattern
 * matches one token with bounded or single quantifiers (linear time); a token
 * is deliberately matched more loosely than the catalog's formats so that
 * near-misses (`LLM01` without its edition, `GV-1.1`, `AML.T51`) are caught too.
 */
import { existsSync, lstatSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

export interface FrameworkIdToken {
  token: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export const FRAMEWORK_ID_PATTERNS: readonly RegExp[] = [
  /\bLLM\d{2}(?::\d{4})?\b/g,
  /\bASI\d{2}(?::\d{4})?\b/g,
  /\bAML\.[A-Z]{1,2}\d+(?:\.\d+)?\b/g,
  /\bCWE-\d+\b/g,
  /\b(?:GOVERN|MAP|MEASURE|MANAGE) \d+\.\d+\b/g,
  /\b(?:GV|MP|MS|MG)-\d+\.\d+(?:-\d+)?\b/g,
  /\bNIST-600-1:[A-Za-z0-9-]+/g,
];

/** Every framework-ID-looking token in `text`, in line order. */
export function findFrameworkIdTokens(text: string): FrameworkIdToken[] {
  const tokens: FrameworkIdToken[] = [];
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    const found: FrameworkIdToken[] = [];
    for (const pattern of FRAMEWORK_ID_PATTERNS) {
      for (const match of line.matchAll(pattern)) {
        found.push({ token: match[0], line: index + 1, column: match.index + 1 });
      }
    }
    found.sort((a, b) => a.column - b.column);
    tokens.push(...found);
  }
  return tokens;
}

const SCANNED_EXTENSIONS = /\.(?:[cm]?[jt]sx?|json|ya?ml)$/;
const SKIPPED_DIRECTORIES = new Set([
  'node_modules',
  'dist',
  'coverage',
  '.git',
  'test',
  'tests',
  '__tests__',
  'fixtures',
  '__fixtures__',
]);
const TEST_FILE = /\.(?:test|spec)\.[cm]?[jt]sx?$/;
/** The catalog's own data: it defines the IDs, so it is the reference, not a user. */
export const CATALOG_DATA_FILES: readonly string[] = [
  'atlas.json',
  'owasp-llm.json',
  'owasp-agentic.json',
  'nist-ai-rmf.json',
  'nist-ai-600-1.json',
  'cwe.json',
].map((name) => ['packages', 'core', 'data', name].join('/'));
const MAX_FILE_BYTES = 32 * 1024 * 1024;

/** The repository root: the nearest folder above `start` whose package.json declares workspaces. */
export function findRepoRoot(start: string): string {
  let dir = start;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { workspaces?: unknown };
      if (parsed.workspaces !== undefined) return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json with "workspaces" above ${start}`);
    dir = parent;
  }
}

/**
 * Source and data files under `packages/*` that may reference framework IDs,
 * as repo-relative paths with forward slashes: everything with a code, JSON or
 * YAML extension outside tests, fixtures and build output, except the catalog
 * data itself. Symbolic links are not followed.
 */
export function listScannedFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const stat = lstatSync(path);
      if (stat.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(name)) walk(path);
      } else if (stat.isFile() && SCANNED_EXTENSIONS.test(name) && !TEST_FILE.test(name)) {
        const rel = relative(root, path).split(sep).join('/');
        if (!CATALOG_DATA_FILES.includes(rel) && stat.size <= MAX_FILE_BYTES) files.push(rel);
      }
    }
  };
  walk(join(root, 'packages'));
  return files;
}
