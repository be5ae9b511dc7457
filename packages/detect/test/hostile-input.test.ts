import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRedactor, detectPii, detectSecrets, UnsafeOutputDetector } from '../src/index.js';
import { identityNormalized } from '../src/identity-normalizer.js';

const unsafe = new UnsafeOutputDetector();
const runAll = (text: string) => {
  detectSecrets(text);
  detectPii(text);
  unsafe.detect({
    text,
    role: 'output',
    sinks: ['sql', 'shell'],
    normalized: () => identityNormalized(text),
  });
};

describe('hostile input', () => {
  it('finishes on 10 MB adversarial texts (bounded, linear-time patterns)', () => {
    const size = 10 * 1024 * 1024;
    const inputs = [
      'a'.repeat(size),
      'password='.repeat(size / 9),
      '-----BEGIN PRIVATE KEY-----\n'.repeat(size / 28),
      '1 '.repeat(size / 2),
      '4111 1111 1111 1111 '.repeat(size / 20),
      '![a](http://x.test/?'.repeat(size / 20),
    ];
    for (const input of inputs) {
      const started = Date.now();
      runAll(input);
      // A generous bound that only catches super-linear blow-ups, not speed.
      expect(Date.now() - started, input.slice(0, 20)).toBeLessThan(20_000);
    }
  }, 180_000);

  it('never throws and keeps spans inside the text for arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        for (const d of [...detectSecrets(text), ...detectPii(text)]) {
          expect(d.start).toBeGreaterThanOrEqual(0);
          expect(d.end).toBeLessThanOrEqual(text.length);
          expect(d.end).toBeGreaterThan(d.start);
        }
        const redactor = createRedactor();
        const scope = { tenant: 't', conversation: 'c' };
        const stream = redactor.createStreamRedactor(scope);
        let out = '';
        for (const chunk of text.match(/[\s\S]{1,5}/g) ?? []) out += stream.push(chunk).emit;
        out += stream.end().emit;
        // Nothing a whole-text scan redacts may appear in the streamed output.
        for (const d of detectSecrets(text)) {
          const value = text.slice(d.start, d.end);
          if (value.length >= 8 && !redactor.redact(text, scope).text.includes(value)) {
            expect(out).not.toContain(value);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
