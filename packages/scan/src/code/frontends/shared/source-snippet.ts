import { MAX_TEXT, capText } from '../../ir.js';

/**
 * The capped source text of `source[start, end)`, as evidence for the IR.
 * At most MAX_TEXT + 1 characters are sliced: taking the whole text of every
 * node of a large (e.g. minified) file would copy the file over and over
 * (quadratic).
 */
export function sourceSnippet(source: string, start: number, end: number): string {
  return capText(source.slice(start, Math.min(end, start + MAX_TEXT + 1)));
}
