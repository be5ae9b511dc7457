import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CanaryDetector } from '../src/canary/canary-detector.js';
import { createCanaryToken } from '../src/canary/canary-token.js';
import type { DetectorInput } from '../src/detector.js';
import { normalizeText } from '../src/normalize/normalize-text.js';
import { ReferenceCanaryDetector } from './support/reference-canary-detector.js';

const detector = new CanaryDetector();
const reference = new ReferenceCanaryDetector();

function inputOf(text: string, role: DetectorInput['role'] = 'output'): DetectorInput {
  let normalized: ReturnType<typeof normalizeText> | undefined;
  return { text, role, sinks: [], normalized: () => (normalized ??= normalizeText(text)) };
}

const HOMOGLYPHS: Readonly<Record<string, string>> = { b: 'в', k: 'к', c: 'с', e: 'е', a: 'а' };
const fullWidth = (t: string) =>
  t.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** A real token (random body from fast-check) shown in one of the forms the detector finds. */
const leakedToken = fc
  .tuple(
    fc.uint8Array({ minLength: 8, maxLength: 8 }),
    fc.constantFrom(
      'verbatim',
      'spaced',
      'recased',
      'full-width',
      'homoglyph',
      'reversed',
      'base64',
      'base64url',
      'hex',
      'truncated',
      'broken-checksum',
    ),
    fc.string({ unit: fc.constantFrom(' ', '-', '.', '\u200b', '\n', '_'), maxLength: 2 }),
    fc.uint8Array({ maxLength: 3 }),
  )
  .map(([bytes, form, separator, padding]) => {
    const token = createCanaryToken(() => Buffer.from(bytes));
    switch (form) {
      case 'verbatim':
        return token;
      case 'spaced':
        return token.split('').join(separator);
      case 'recased':
        return [...token].map((c, k) => (k % 3 ? c.toUpperCase() : c.toLowerCase())).join('');
      case 'full-width':
        return fullWidth(token);
      case 'homoglyph':
        return [...token.toLowerCase()].map((c) => HOMOGLYPHS[c] ?? c).join('');
      case 'reversed':
        return [...token].reverse().join(separator);
      case 'base64':
        return Buffer.concat([Buffer.from(padding), Buffer.from(token)]).toString('base64');
      case 'base64url':
        return Buffer.concat([Buffer.from(padding), Buffer.from(token)]).toString('base64url');
      case 'hex':
        return Buffer.concat([Buffer.from(padding), Buffer.from(token)]).toString('hex');
      case 'truncated':
        return token.slice(0, 6 + ((padding[0] ?? 0) % 20));
      default:
        return `${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}`;
    }
  });

/** Text near the pre-filter's edges: prefix letters, hex digits, base64 runs. */
const nearMiss = fc.string({
  unit: fc.constantFrom(...'bwkcBWKCckwb0123456789abcdefABCDEF+/_-= \u0432\u043a\uff42'.split('')),
  maxLength: 60,
});

const text = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ maxLength: 40 }),
      nearMiss,
      leakedToken,
    ),
    { maxLength: 6 },
  )
  .map((pieces) => pieces.join(''));

describe('canary pre-filter', () => {
  it('finds exactly what the detector without a pre-filter found (property)', () => {
    fc.assert(
      fc.property(
        text,
        fc.constantFrom('output', 'context', 'user') as fc.Arbitrary<'output'>,
        (value, role) => {
          expect(detector.detect(inputOf(value, role))).toEqual(
            reference.detect(inputOf(value, role)),
          );
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('still reports every leaked form when the text is nothing else (property)', () => {
    fc.assert(
      fc.property(leakedToken, fc.string({ maxLength: 10 }), (leak, prefix) => {
        const value = `${prefix} ${leak}`;
        const expected = reference.detect(inputOf(value));
        expect(detector.detect(inputOf(value))).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('returns nothing for plain answers and finds tokens inside long text', () => {
    const answer =
      'The quarter went well: revenue grew, costs were flat and the outlook is stable.';
    expect(detector.detect(inputOf(answer))).toEqual([]);
    const token = createCanaryToken();
    const long = `${answer.repeat(20)} ${[...token].reverse().join('')} ${answer}`;
    const found = detector.detect(inputOf(long));
    expect(found.map((d) => d.type)).toEqual(['canary_leak.reversed']);
    expect(found).toEqual(reference.detect(inputOf(long)));
  });
});
