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
    let lf = input.indexOf('\n');
    let cr = input.indexOf('\r');
    while (lf !== -1 || cr !== -1) {
      const i = cr === -1 || (lf !== -1 && lf < cr) ? lf : cr;
      this.#line(this.#buffer + input.slice(start, i));
      this.#buffer = '';
      let next = i + 1;
      if (i === cr) {
        if (next < input.length) {
          if (input.charCodeAt(next) === 10) next++;
        } else {
          this.#pendingCr = true;
        }
      }
      start = next;
      if (lf !== -1 && lf < start) lf = input.indexOf('\n', start);
      if (cr !== -1 && cr < start) cr = input.indexOf('\r', start);
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
