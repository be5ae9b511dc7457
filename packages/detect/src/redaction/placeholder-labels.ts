/** Placeholder label of a detection type: `pii.email` → `EMAIL`, any secret → `SECRET`. */
export function placeholderLabel(type: string): string {
  if (type.startsWith('secret.')) return 'SECRET';
  const tail = type.startsWith('pii.') ? type.slice(4) : type.replace(/[^A-Za-z0-9]+/g, '_');
  return tail.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

/**
 * Finds placeholders in model output, tolerant of drift: any case, `<…>`,
 * `[…]`, `{…}`, `(…)`, doubled or missing brackets, `_`/`-`/space before the
 * number. Group 1: opening brackets, 2: label, 3: number, 4: closing brackets.
 */
export function placeholderPattern(labels: readonly string[]): RegExp {
  const alternatives = [...new Set(labels)]
    .sort((a, b) => b.length - a.length)
    .map((label) => label.replace(/_/g, '[_ \\-]?'))
    .join('|');
  return new RegExp(
    `([<\\[{(]{0,2})[ \\t]{0,2}(?<![A-Za-z0-9_])(${alternatives})[_ \\-]?([0-9]{1,6})(?![0-9])[ \\t]{0,2}([>\\]})]{0,2})`,
    'gi',
  );
}
