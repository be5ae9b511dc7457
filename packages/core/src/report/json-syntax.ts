/** Where a JSON text stops being valid JSON (RFC 8259), and why. */
export interface JsonSyntaxError {
  /** 0-based UTF-16 offset of the offending character (or the end of input). */
  offset: number;
  message: string;
}

type Expect =
  'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'end';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

function describe(ch: string): string {
  if (ch === '\n') return 'line break';
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f
    ? `control character U+${code.toString(16).padStart(4, '0')}`
    : `'${ch}'`;
}

/** Scans a string starting at the opening quote; returns the offset after it, or an error. */
function scanString(text: string, start: number): number | JsonSyntaxError {
  let i = start + 1;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (code < 0x20)
      return { offset: i, message: `${describe(text.charAt(i))} inside a string (escape it)` };
    if (code === 0x5c) {
      const next = text.charAt(i + 1);
      if (next === 'u') {
        if (!HEX4.test(text.slice(i + 2, i + 6)))
          return { offset: i, message: 'invalid \\u escape (needs 4 hex digits)' };
        i += 6;
        continue;
      }
      if (!'"\\/bfnrt'.includes(next) || next === '')
        return { offset: i, message: `invalid escape '\\${next}'` };
      i += 2;
      continue;
    }
    i++;
  }
  return { offset: start, message: 'unterminated string' };
}

/**
 * Finds the first syntax error in `text`, or undefined when it is valid JSON.
 * `JSON.parse` in Node 20 does not always say where it failed; this scanner
 * does, in one linear pass with an explicit stack (no recursion, so nesting
 * depth cannot overflow the call stack).
 */
export function locateJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const stack: string[] = [];
  let expect = 'value' as Expect;
  let i = 0;
  const afterValue = (): Expect => (stack.length > 0 ? 'comma-or-close' : 'end');
  while (true) {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
    if (i >= text.length) {
      if (expect === 'end') return undefined;
      return {
        offset: i,
        message:
          stack.length > 0
            ? `unexpected end of input (unclosed '${stack[stack.length - 1]}')`
            : 'unexpected end of input',
      };
    }
    const ch = text.charAt(i);
    switch (expect) {
      case 'end':
        return { offset: i, message: `unexpected ${describe(ch)} after the end of the JSON value` };
      case 'colon':
        if (ch !== ':')
          return {
            offset: i,
            message: `expected ':' after the property name, found ${describe(ch)}`,
          };
        i++;
        expect = 'value';
        continue;
      case 'comma-or-close': {
        const open = stack[stack.length - 1];
        const close = open === '{' ? '}' : ']';
        if (ch === ',') {
          expect = open === '{' ? 'key' : 'value';
          i++;
        } else if (ch === close) {
          stack.pop();
          i++;
          expect = afterValue();
        } else {
          return { offset: i, message: `expected ',' or '${close}', found ${describe(ch)}` };
        }
        continue;
      }
      case 'key':
      case 'key-or-close': {
        if (ch === '}' && expect === 'key-or-close') {
          stack.pop();
          i++;
          expect = afterValue();
          continue;
        }
        if (ch !== '"') {
          return {
            offset: i,
            message: `expected a property name in double quotes, found ${describe(ch)}`,
          };
        }
        const end = scanString(text, i);
        if (typeof end !== 'number') return end;
        i = end;
        expect = 'colon';
        continue;
      }
      case 'value':
      case 'value-or-close': {
        if (ch === ']' && expect === 'value-or-close') {
          stack.pop();
          i++;
          expect = afterValue();
          continue;
        }
        if (ch === '{' || ch === '[') {
          stack.push(ch);
          expect = ch === '{' ? 'key-or-close' : 'value-or-close';
          i++;
          continue;
        }
        if (ch === '"') {
          const end = scanString(text, i);
          if (typeof end !== 'number') return end;
          i = end;
          expect = afterValue();
          continue;
        }
        const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, i));
        if (literal) {
          i += literal.length;
          expect = afterValue();
          continue;
        }
        NUMBER.lastIndex = i;
        if (NUMBER.test(text)) {
          i = NUMBER.lastIndex;
          expect = afterValue();
          continue;
        }
        return { offset: i, message: `unexpected ${describe(ch)}, expected a value` };
      }
    }
  }
}

/** 1-based line and column of a UTF-16 offset (lines end at LF, CRLF or CR). */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a || (code === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
