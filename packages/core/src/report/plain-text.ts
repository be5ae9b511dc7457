/**
 * Characters that must not reach a terminal or a rendered summary from
 * untrusted finding text: C0 and C1 controls (ESC starts ANSI sequences that
 * can rewrite the screen), DEL, and the bidirectional overrides and isolates
 * behind "Trojan Source" (CVE-2021-42574) that reorder what a reader sees.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_DISPLAY = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Removes unsafe display characters; keeps tab and newline. */
export function stripControlChars(text: string): string {
  return text.replace(UNSAFE_DISPLAY, '');
}

/**
 * One line of at most `max` code points: unsafe characters removed, runs of
 * whitespace collapsed, an ellipsis where it was cut. Never splits a
 * surrogate pair.
 */
export function singleLine(text: string, max: number): string {
  const flat = stripControlChars(text.length > max * 4 ? text.slice(0, max * 4) : text)
    .replace(/\s+/g, ' ')
    .trim();
  const points = Array.from(flat);
  return points.length <= max ? flat : `${points.slice(0, Math.max(0, max - 1)).join('')}…`;
}
