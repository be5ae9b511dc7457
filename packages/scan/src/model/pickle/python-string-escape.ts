/** Minimal Python string-escape decoding for protocol-0 STRING/UNICODE lines. */
export function unescapePython(text: string): string {
  if (!text.includes('\\')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const next = text[++i] ?? '';
    const simple: Record<string, string> = {
      n: '\n',
      r: '\r',
      t: '\t',
      '\\': '\\',
      "'": "'",
      '"': '"',
      '0': '\0',
    };
    if (next === 'x' || next === 'u' || next === 'U') {
      const width = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      const code = Number.parseInt(text.slice(i + 1, i + 1 + width), 16);
      if (Number.isFinite(code) && code <= 0x10ffff) {
        out += String.fromCodePoint(code);
        i += width;
        continue;
      }
    }
    out += simple[next] ?? `\\${next}`;
  }
  return out;
}
