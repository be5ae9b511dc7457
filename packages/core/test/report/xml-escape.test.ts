import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  escapeXmlAttribute,
  escapeXmlText,
  stripInvalidXmlChars,
} from '../../src/report/xml-escape.js';
import { onlyXmlChars, parseXml } from './xml-test-kit.js';

describe('XML escaping', () => {
  it('escapes markup and keeps whitespace in attributes', () => {
    expect(escapeXmlText('<a> & ]]> "q"')).toBe('&lt;a&gt; &amp; ]]&gt; "q"');
    expect(escapeXmlAttribute(`"'<&>\t\n\r`)).toBe('&quot;&apos;&lt;&amp;&gt;&#9;&#10;&#13;');
  });

  it('removes characters XML 1.0 forbids, including lone surrogates', () => {
    expect(stripInvalidXmlChars('a\u0000b\u0001c\u001Bd\u000Be\uFFFEf\uFFFF')).toBe('abcdef');
    expect(stripInvalidXmlChars('x\uD800y\uDC00z')).toBe('xyz');
    expect(stripInvalidXmlChars('tab\tlf\ncr\r 😀 日本')).toBe('tab\tlf\ncr\r 😀 日本');
  });

  it('round-trips any string through a parser, minus forbidden characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        const xml = `<a v="${escapeXmlAttribute(text)}">${escapeXmlText(text)}</a>`;
        expect(onlyXmlChars(xml)).toBe(true);
        const parsed = parseXml(xml) as { a: { '#text'?: string; '@v': string } };
        const expected = stripInvalidXmlChars(text);
        expect(parsed.a['@v']).toBe(expected);
        expect(parsed.a['#text'] ?? '').toBe(expected);
      }),
      { numRuns: 150 },
    );
  });
});
