/**
 * Incremental parser for `text/event-stream` (WHATWG HTML §9.2.6 "Interpreting
 * an event stream"): lines end in CRLF, LF or CR; `data:` lines accumulate;
 * a blank line dispatches. Only `data` payloads are surfaced (what chat APIs
 * use). Lines are capped so a hostile upstream cannot grow memory unbounded.
 */
export class SseParser {
  #buffer = '';
  #data: string[] = [];
  #pendingCr = false;

  constructor(
    private readonly onData: (data: string) => void,
    private readonly maxLine = 8 * 1024 * 1024,
  ) {}

  feed(text: string): void {
    let input = text;
    if (this.#pendingCr && input.startsWith('\n')) input = input.slice(1);
    this.#pendingCr = false;
    let start = 0;
    for (let i = 0; i < input.length; i++) {
      const c = input.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.#line(this.#buffer + input.slice(start, i));
      this.#buffer = '';
      if (c === 13) {
        if (i + 1 < input.length) {
          if (input.charCodeAt(i + 1) === 10) i++;
        } else {
          this.#pendingCr = true;
        }
      }
      start = i + 1;
    }
    this.#buffer += input.slice(start);
    if (this.#buffer.length > this.maxLine) throw new Error('SSE line exceeds the size limit');
  }

  /** Dispatches a final event not followed by a blank line. */
  end(): void {
    if (this.#buffer !== '') this.#line(this.#buffer);
    this.#buffer = '';
    this.#line('');
  }

  #line(line: string): void {
    if (line === '') {
      if (this.#data.length > 0) this.onData(this.#data.join('\n'));
      this.#data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    if (field !== 'data') return;
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    this.#data.push(value);
  }
}
