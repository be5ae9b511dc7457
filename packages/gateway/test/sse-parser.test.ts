import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SseParser } from '../src/providers/sse-parser.js';

function parse(pieces: string[]): string[] {
  const out: string[] = [];
  const parser = new SseParser((d) => out.push(d));
  for (const p of pieces) parser.feed(p);
  parser.end();
  return out;
}

describe('SseParser', () => {
  it('parses data lines, comments, multi-line data and all line endings', () => {
    expect(parse([': comment\ndata: a\n\nevent: x\ndata: b\ndata: c\r\n\r\ndata:d\r\r'])).toEqual([
      'a',
      'b\nc',
      'd',
    ]);
  });
  it('gives the same events however the input is split', () => {
    const events = fc.array(
      fc.string().filter((s) => !/[\r\n]/.test(s)),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(events, fc.array(fc.nat(), { maxLength: 6 }), (datas, cuts) => {
        const text = datas.map((d) => `data: ${d}\r\n\r\n`).join('');
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const pieces: string[] = [];
        let last = 0;
        for (const p of points) {
          pieces.push(text.slice(last, p));
          last = p;
        }
        pieces.push(text.slice(last));
        expect(parse(pieces)).toEqual(datas);
      }),
    );
  });
  it('refuses unbounded lines', () => {
    const parser = new SseParser(() => undefined, 1000);
    expect(() => parser.feed('data: ' + 'x'.repeat(2000))).toThrow(/size limit/);
  });
});
