/** Problems with an archive member name that matter when it is extracted. */
export type NameProblem = 'absolute' | 'traversal' | undefined;

/**
 * Classifies a member name the way extractors interpret it: backslashes are
 * separators on Windows, a leading slash or drive letter is absolute, and a
 * `..` segment that survives normalisation escapes the target (zip-slip).
 */
export function memberNameProblem(name: string): NameProblem {
  const slashed = name.replaceAll('\\', '/');
  if (slashed.startsWith('/') || /^[A-Za-z]:/.test(slashed)) return 'absolute';
  let depth = 0;
  for (const segment of slashed.split('/')) {
    if (segment === '..') {
      depth--;
      if (depth < 0) return 'traversal';
    } else if (segment !== '' && segment !== '.') {
      depth++;
    }
  }
  return undefined;
}
