/**
 * Small shape checks for request bodies. Each returns the first problem as
 * `path: what it must be` (the path in the client's own wire format), or
 * undefined. Wrong types are refused rather than coerced or skipped: a
 * field the gateway cannot read is a field it cannot scan or limit, and a
 * lenient upstream might still accept it (deny by default).
 */

export type Problem = string | undefined;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Absent (or JSON null) counts as not given for optional fields. */
function absent(value: unknown): boolean {
  return value === undefined || value === null;
}

export function optionalString(body: Record<string, unknown>, key: string, path = key): Problem {
  return absent(body[key]) || typeof body[key] === 'string'
    ? undefined
    : `${path}: must be a string`;
}

export function optionalBoolean(body: Record<string, unknown>, key: string, path = key): Problem {
  return absent(body[key]) || typeof body[key] === 'boolean'
    ? undefined
    : `${path}: must be true or false`;
}

export function optionalNumber(body: Record<string, unknown>, key: string, path = key): Problem {
  const value = body[key];
  return absent(value) || (typeof value === 'number' && Number.isFinite(value))
    ? undefined
    : `${path}: must be a number`;
}

/** A positive integer (token counts, `n`). */
export function optionalCount(body: Record<string, unknown>, key: string, path = key): Problem {
  const value = body[key];
  return absent(value) || (Number.isSafeInteger(value) && (value as number) >= 1)
    ? undefined
    : `${path}: must be a positive integer`;
}

export function optionalRecord(body: Record<string, unknown>, key: string, path = key): Problem {
  return absent(body[key]) || isRecord(body[key]) ? undefined : `${path}: must be an object`;
}

/** A string or an array of strings (`stop`). */
export function optionalStrings(body: Record<string, unknown>, key: string, path = key): Problem {
  const value = body[key];
  if (absent(value) || typeof value === 'string') return undefined;
  return Array.isArray(value) && value.every((v) => typeof v === 'string')
    ? undefined
    : `${path}: must be a string or an array of strings`;
}

/** The field path a problem names (the text before its first `: `). */
export function problemPath(problem: string): string {
  const colon = problem.indexOf(': ');
  return colon === -1 ? problem : problem.slice(0, colon);
}

/** Runs checks in order and returns the first problem. */
export function firstProblem(...problems: Problem[]): Problem {
  for (const problem of problems) if (problem !== undefined) return problem;
  return undefined;
}

/** Nesting deeper than this is refused before parsing (no recursion blow-up downstream). */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether JSON text nests objects/arrays deeper than `maxDepth`, in one
 * linear pass that skips string contents (escapes included). Run on the
 * raw body before `JSON.parse`, so a hostile `[[[[…` never reaches code
 * that recurses over the parsed value (serialisers, schema checks).
 */
export function jsonNestsDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0;
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k);
    if (code === 0x22) {
      k = stringEnd(text, k + 1);
      continue;
    }
    if (code === 0x7b || code === 0x5b) {
      if (++depth > maxDepth) return true;
    } else if (code === 0x7d || code === 0x5d) depth--;
  }
  return false;
}

/**
 * Index of the quote closing the string that starts at `from` (text length
 * when unterminated): the next `"` preceded by an even run of backslashes.
 * `indexOf` is a native scan and allocates nothing (a regex `exec` made a
 * match object per string of the body).
 */
function stringEnd(text: string, from: number): number {
  for (let quote = text.indexOf('"', from); quote >= 0; quote = text.indexOf('"', quote + 1)) {
    let slashes = 0;
    while (quote - slashes - 1 >= from && text.charCodeAt(quote - slashes - 1) === 0x5c) slashes++;
    if (slashes % 2 === 0) return quote;
  }
  return text.length;
}
