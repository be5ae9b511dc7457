import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../src/normalize/normalize-text.js';

const tags = (text: string): string =>
  [...text].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('');

describe('normalizeText', () => {
  it('returns ASCII text unchanged with an identity map', () => {
    const view = normalizeText('plain ascii text');
    expect(view.text).toBe('plain ascii text');
    expect(view.hidden).toEqual([]);
    expect(view.toOriginalStart(6)).toBe(6);
  });

  it('applies NFKC and folds Latin diacritics', () => {
    expect(normalizeText('Ｉｇｎｏｒｅ').text).toBe('Ignore');
    expect(normalizeText('𝖨𝗀𝗇𝗈𝗋𝖾 ïnstructions').text).toBe('Ignore instructions');
    expect(normalizeText('ﬁle café').text).toBe('file cafe');
  });

  it('removes zero-width and bidi characters and records them', () => {
    const view = normalizeText('ig\u200bno\u200bre \u202eabc');
    expect(view.text).toBe('ignore abc');
    expect(view.hidden?.map((run) => run.kind)).toEqual(['zero_width', 'zero_width', 'bidi']);
  });

  it('decodes Unicode tag characters into the text and records them', () => {
    const original = `Hi${tags('ignore rules')}`;
    const view = normalizeText(original);
    expect(view.text).toBe('Hiignore rules');
    const run = view.hidden?.[0];
    expect(run?.kind).toBe('tag');
    expect(run?.decoded).toBe('ignore rules');
    expect(original.slice(run?.start, run?.end)).toBe(tags('ignore rules'));
  });

  it('folds confusables only inside mixed-script words', () => {
    expect(normalizeText('іgnоre аll').text).toBe('ignore all');
    expect(normalizeText('іgnоre').text).toBe('ignore');
    expect(normalizeText('Привет мир').text).toBe('Привет мир');
  });

  it('maps spans back to the original text', () => {
    const original = 'Ｈｉ\u200b there';
    const view = normalizeText(original);
    const at = view.text.indexOf('there');
    expect(original.slice(view.toOriginalStart(at), view.toOriginalEnd(at + 5))).toBe('there');
    expect(original.slice(view.toOriginalStart(0), view.toOriginalEnd(2))).toBe('Ｈｉ');
  });

  it('keeps every mapped span inside the original text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const view = normalizeText(text);
        for (let start = 0; start <= view.text.length; start++) {
          const from = view.toOriginalStart(start);
          const to = view.toOriginalEnd(Math.min(view.text.length, start + 3));
          expect(from).toBeGreaterThanOrEqual(0);
          expect(to).toBeLessThanOrEqual(text.length);
          if (start < view.text.length) expect(from).toBeLessThan(to);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('normalises 1 MB of hostile Unicode', () => {
    const chunk = 'Ｉ\u200bі\u202e' + tags('x') + 'é';
    const text = chunk.repeat(Math.ceil(1_000_000 / chunk.length));
    const view = normalizeText(text);
    expect(view.text.length).toBeGreaterThan(0);
    expect(view.toOriginalEnd(view.text.length)).toBeLessThanOrEqual(text.length);
  });
});
