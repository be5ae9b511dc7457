/** Placeholder label of a detection type: `pii.email` → `EMAIL`, any secret → `SECRET`. */
export function placeholderLabel(type: string): string {
  if (type.startsWith('secret.')) return 'SECRET';
  const tail = type.startsWith('pii.') ? type.slice(4) : type.replace(/[^A-Za-z0-9]+/g, '_');
  return tail.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

/**
 * Finds placeholders in model output, tolerant of drift: any case, `<…>`,
 * `[…]`, `{…}`, `(…)`, doubled or missing brackets, `_`/`-`/space before the
 * number. Groups: 1 opening brackets, 2 spaces, 3 label, 4 number, 5 spaces, 6 closing brackets.
 */
export function placeholderPattern(labels: readonly string[]): RegExp {
  const alternatives = [...new Set(labels)]
    .sort((a, b) => b.length - a.length)
    .map((label) => label.replace(/_/g, '[_ \\-]?'))
    .join('|');
  return new RegExp(
    `([<\\[{(]{0,2})([ \\t]{0,2})(?<![A-Za-z0-9_])(${alternatives})[_ \\-]?([0-9]{1,6})(?![0-9])([ \\t]{0,2})([>\\]})]{0,2})`,
    'gi',
  );
}

/**
 * Splits matched bracket runs into the part that belongs to the placeholder
 * (one bracket, or a doubled one such as `<<`) and the part that belongs to
 * the surrounding text, e.g. the parentheses in `(<EMAIL_1>)`.
 */
export function splitBrackets(
  open: string,
  close: string,
): { keepOpen: string; keepClose: string } {
  const takeOpen = open.length === 2 && open[0] === open[1] ? 2 : Math.min(open.length, 1);
  const takeClose = close.length === 2 && close[0] === close[1] ? 2 : Math.min(close.length, 1);
  return {
    keepOpen: open.slice(0, open.length - takeOpen),
    keepClose: close.slice(takeClose),
  };
}
