import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { sha256File } from '../model/scan-model.js';

/** Names the OpenSSF model-signing library leaves out of a model by default. */
export const DEFAULT_IGNORED = ['.git', '.gitattributes', '.github', '.gitignore'];

/**
 * SHA-256 of every regular file under `root` keyed by its relative POSIX
 * path, sorted by name; `ignore` lists relative paths (files or directories)
 * to leave out. Symbolic links are reported, not followed.
 */
export async function digestTree(
  root: string,
  ignore: readonly string[],
): Promise<{ digests: Map<string, string>; links: string[] }> {
  const names: string[] = [];
  const links: string[] = [];
  const skip = new Set([...DEFAULT_IGNORED, ...ignore]);
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      const rel = relative(root, full).split(sep).join('/');
      if (skip.has(rel) || skip.has(entry.name)) continue;
      if (entry.isSymbolicLink()) links.push(rel);
      else if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) names.push(rel);
    }
  };
  walk(root);
  names.sort();
  const digests = new Map<string, string>();
  for (const name of names) digests.set(name, await sha256File(join(root, ...name.split('/'))));
  return { digests, links };
}
