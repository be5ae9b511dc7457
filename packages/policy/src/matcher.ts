/**
 * Explicit string matchers used everywhere a policy names something: exact
 * (`equals`), shell-style (`glob`, `*` = any run of characters, `?` = one) or
 * an anchored regular expression (`regex`, always matched against the whole
 * value). A plain string is never silently turned into an unanchored regex.
 */
export type Matcher = { equals: string } | { glob: string } | { regex: string };

/** A matcher compiled once at resolve time. */
export type CompiledMatcher = (value: string) => boolean;

export function compileMatcher(matcher: Matcher): CompiledMatcher {
  if ('equals' in matcher) {
    const expected = matcher.equals;
    return (value) => value === expected;
  }
  if ('glob' in matcher) {
    const pattern = matcher.glob;
    return (value) => globMatch(pattern, value);
  }
  // Policy regexes are written by the operator (trusted config) and anchored here.
  const re = new RegExp(`^(?:${matcher.regex})$`, 'u');
  return (value) => re.test(value);
}

/**
 * Glob matching with the classic two-pointer algorithm: O(pattern × value)
 * in the worst case, no backtracking blow-up on adversarial values.
 */
export function globMatch(pattern: string, value: string): boolean {
  let p = 0;
  let v = 0;
  let starP = -1;
  let starV = 0;
  while (v < value.length) {
    const pc = pattern[p];
    if (pc === '?' || (pc !== undefined && pc !== '*' && pc === value[v])) {
      p++;
      v++;
    } else if (pc === '*') {
      starP = p++;
      starV = v;
    } else if (starP !== -1) {
      p = starP + 1;
      v = ++starV;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

export function describeMatcher(matcher: Matcher): string {
  if ('equals' in matcher) return JSON.stringify(matcher.equals);
  if ('glob' in matcher) return `glob ${JSON.stringify(matcher.glob)}`;
  return `regex /${matcher.regex}/`;
}
