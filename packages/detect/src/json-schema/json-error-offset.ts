/**
 * Offset of the first JSON syntax error in `text` (RFC 8259 grammar), or -1
 * when the text is valid. Used only after `JSON.parse` failed, to report a
 * line and column (Node 20's parse errors carry no position). Iterative
 * with an explicit depth limit, so hostile nesting cannot overflow the stack.
 */
const MAX_DEPTH = 1_000;

export function jsonErrorOffset(text: string): number {
  let i = 0;
  const stack: string[] = [];
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const literal = /true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  // eslint-disable-next-line no-control-regex -- RFC 8259 forbids raw control characters in strings.
  const string = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
  // Expect a value at i; returns false on error.
  const value = (): boolean => {
    ws();
    const ch = text[i];
    if (ch === '{' || ch === '[') {
      if (stack.length >= MAX_DEPTH) return false;
      stack.push(ch === '{' ? '}' : ']');
      i++;
      ws();
      if (text[i] === stack[stack.length - 1]) {
        stack.pop();
        i++;
        return true;
      }
      return ch === '{' ? key() && value() : value();
    }
    const re = ch === '"' ? string : literal;
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) return false;
    i += m[0].length;
    return true;
  };
  const key = (): boolean => {
    ws();
    string.lastIndex = i;
    const m = string.exec(text);
    if (!m) return false;
    i += m[0].length;
    ws();
    if (text[i] !== ':') return false;
    i++;
    return true;
  };
  if (!value()) return i;
  for (;;) {
    ws();
    if (stack.length === 0) return i < text.length ? i : -1;
    const close = stack[stack.length - 1];
    if (text[i] === close) {
      stack.pop();
      i++;
      continue;
    }
    if (text[i] !== ',') return i;
    i++;
    if (close === '}' && !key()) return i;
    if (!value()) return i;
  }
}
