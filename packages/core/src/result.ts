/**
 * Outcome of parsing or validating untrusted input: a value, or every issue
 * found (collect-all, not first-error). Expected failures travel as data;
 * exceptions are reserved for bugs and environment failures.
 */
export type Result<T, I = Issue> = { ok: true; value: T } | { ok: false; issues: I[] };

/** One problem in an input, with where it is and how to fix it when known. */
export interface Issue {
  /** Stable machine-readable code, e.g. `config.unknown_key`. */
  code: string;
  /** Human sentence: what is wrong. */
  message: string;
  /** Where: a file path, JSON path, or both. */
  path?: string;
  line?: number;
  column?: number;
  /** How to fix it, when there is an obvious fix. */
  hint?: string;
}

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail<I = Issue>(...issues: I[]): { ok: false; issues: I[] } {
  return { ok: false, issues };
}

/** Renders an issue as one line: `path:line:column: message (hint)`. */
export function formatIssue(issue: Issue): string {
  let where = issue.path ?? '';
  if (issue.line !== undefined) {
    where += `${where ? ':' : 'line '}${issue.line}`;
    if (issue.column !== undefined) where += `:${issue.column}`;
  }
  const hint = issue.hint ? ` (${issue.hint})` : '';
  return `${where ? `${where}: ` : ''}${issue.message}${hint}`;
}
