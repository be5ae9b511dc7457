/* eslint-disable no-useless-escape -- hyphens and slashes in character classes are escaped on purpose, for readability. */
/**
 * Where the part of a streamed buffer that may still grow into a match
 * begins. Everything before it can be emitted now; the tail is held back.
 * A match can only be pending when the buffer ends inside it, so each rule
 * below looks at the end of the buffer only:
 * - the trailing run of non-space characters (tokens, emails, URLs, placeholders);
 * - an open private-key block (`-----BEGIN` with no `-----END` yet);
 * - a credential keyword on the last line (`Authorization: Bearer `, `password = `);
 * - a run of digits and separators (phone, card, IBAN, national IDs with spaces).
 */
const KEYWORD_TAIL =
  /(?:authorization|bearer|basic|pass(?:word|wd)?|pwd|secret|token|api[_-]?key|access[_-]?key|ssn|social security)[^\n]{0,48}$/i;
const NUMBER_TAIL =
  /(?:[+(]?[0-9][0-9 ().\-]{0,40}|[A-Z]{2}[0-9]{2}[0-9A-Z ]{0,40}|[A-Z]{2} ?[0-9]{2}(?: ?[0-9]{2}){0,2} ?[A-D]?)$/;
/** Longest private-key block held back before it is emitted (masked) anyway. */
const MAX_KEY_HOLD = 65_536;
/** Longest other tail held back. */
export const MAX_HOLD = 8_192;

/** Index of the last space, tab, CR or LF in `text`, or -1 (one backward scan). */
function lastWhitespace(text: string): number {
  for (let k = text.length - 1; k >= 0; k--) {
    const code = text.charCodeAt(k);
    if (code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d) return k;
  }
  return -1;
}

export function pendingStart(buffer: string): number {
  let hold = buffer.length;
  const tail = buffer.slice(-MAX_HOLD);
  const offset = buffer.length - tail.length;
  hold = Math.min(hold, offset + lastWhitespace(tail) + 1);
  const begin = buffer.lastIndexOf('-----BEGIN');
  const endAt = begin < 0 ? -1 : buffer.indexOf('-----END', begin);
  // The block is closed only once its END line is complete (`-----END … KEY-----`).
  const closed = endAt >= 0 && buffer.indexOf('-----', endAt + 8) >= 0;
  if (begin >= 0 && !closed && buffer.length - begin <= MAX_KEY_HOLD) {
    hold = Math.min(hold, begin);
  }
  // Keyword and number tails only ever concern the last line.
  const lastLine = tail.slice(tail.lastIndexOf('\n') + 1).slice(-96);
  const lineOffset = buffer.length - lastLine.length;
  const keyword = KEYWORD_TAIL.exec(lastLine);
  if (keyword) hold = Math.min(hold, lineOffset + keyword.index);
  const number = NUMBER_TAIL.exec(lastLine);
  if (number) hold = Math.min(hold, lineOffset + number.index);
  return Math.max(0, hold);
}
