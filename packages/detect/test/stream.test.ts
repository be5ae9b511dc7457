import { describe, expect, it } from 'vitest';
import { createRedactor } from '../src/index.js';
import { privateKeyPem, seededRandom, tokenFactories } from './support/leak-corpus.js';

const scope = { tenant: 't', conversation: 'c' };

function streamAll(chunks: readonly string[], restore = false, redactor = createRedactor()) {
  const stream = redactor.createStreamRedactor(scope, { restore });
  let out = '';
  let maxHeld = 0;
  let fed = 0;
  for (const chunk of chunks) {
    fed += chunk.length;
    const step = stream.push(chunk);
    out += step.emit;
    maxHeld = Math.max(maxHeld, fed - out.length);
  }
  out += stream.end().emit;
  return { out, maxHeld };
}

function splitAt(text: string, cuts: readonly number[]): string[] {
  const parts: string[] = [];
  let at = 0;
  for (const cut of cuts) {
    parts.push(text.slice(at, cut));
    at = cut;
  }
  parts.push(text.slice(at));
  return parts;
}

describe('stream redactor', () => {
  const token = tokenFactories(seededRandom(2))['secret.openai_api_key']?.() ?? '';
  const text = `Here is the key ${token} and mail ann@example.com, done.`;

  it('never leaks a secret split at any chunk boundary', () => {
    const whole = createRedactor().redact(text, scope).text;
    for (let cut = 1; cut < text.length; cut++) {
      const { out } = streamAll(splitAt(text, [cut]));
      expect(out.includes(token.slice(3, 20)), `cut ${cut}`).toBe(false);
      expect(out.replace(/<EMAIL_\d>/, '<EMAIL>')).toBe(whole.replace(/<EMAIL_\d>/, '<EMAIL>'));
    }
  });

  it('holds back no more than the pending token when streaming char by char', () => {
    const { out, maxHeld } = streamAll([...text]);
    expect(out).not.toContain(token);
    expect(maxHeld).toBeLessThanOrEqual(token.length + 1);
  });

  it('emits plain prose immediately (up to the last partial word)', () => {
    const stream = createRedactor().createStreamRedactor(scope);
    expect(stream.push('Hello there, how are').emit).toBe('Hello there, how ');
    expect(stream.push(' you?').emit).toBe('are ');
    expect(stream.end().emit).toBe('you?');
  });

  it('keeps a private key block whole across many chunks', () => {
    const pem = privateKeyPem();
    const chunks = pem.match(/[\s\S]{1,7}/g) ?? [];
    const { out } = streamAll(['key:\n', ...chunks, '\nend']);
    expect(out).toBe('key:\n[REDACTED:secret.private_key]\nend');
  });

  it('restores placeholders split across chunks', () => {
    const redactor = createRedactor();
    redactor.redact('ann@example.com', scope);
    const reply = 'Sure, I will write to <EMAIL_1> today.';
    for (let cut = 1; cut < reply.length; cut++) {
      const { out } = streamAll(splitAt(reply, [cut]), true, redactor);
      expect(out, `cut ${cut}`).toBe('Sure, I will write to ann@example.com today.');
    }
  });

  it('finds a phone number split inside its spaces', () => {
    const reply = 'Call +44 20 7946 0958 now';
    for (let cut = 1; cut < reply.length; cut++) {
      const { out } = streamAll(splitAt(reply, [cut]));
      expect(out, `cut ${cut}`).toBe('Call <PHONE_1> now');
    }
  });
});
