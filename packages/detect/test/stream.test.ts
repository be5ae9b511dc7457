import { describe, expect, it } from 'vitest';
import { createGuard, createRedactor } from '../src/index.js';
import { BLOCK_OVERLAP, createStreamRedactor } from '../src/stream/stream-redactor.js';
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

describe('guard.streamOutput and guard.redact categories', () => {
  const token = tokenFactories(seededRandom(4))['secret.github_token']?.() ?? '';
  const text = `Mail ann@example.com or use ${token} now.`;

  function run(redact?: readonly ('secret' | 'pii')[]) {
    const guard = createGuard({ detectors: ['secrets', 'pii'] });
    const stream = guard.streamOutput(scope, redact === undefined ? {} : { categories: redact });
    let out = '';
    const types: string[] = [];
    for (let i = 0; i < text.length; i += 3) {
      const step = stream.push(text.slice(i, i + 3));
      out += step.emit;
      types.push(...step.detections.map((d) => d.type));
    }
    const last = stream.end();
    out += last.emit;
    types.push(...last.detections.map((d) => d.type));
    return { out, types };
  }

  it('replaces both categories by default', () => {
    const { out } = run();
    expect(out).not.toContain('ann@example.com');
    expect(out).not.toContain(token);
  });

  it('replaces only the listed categories and reports the others whole', () => {
    const secretsOnly = run(['secret']);
    expect(secretsOnly.out).toContain('ann@example.com');
    expect(secretsOnly.out).toContain('[REDACTED:secret.github_token]');
    expect(secretsOnly.types).toEqual(expect.arrayContaining(['pii.email', 'secret.github_token']));
    const piiOnly = run(['pii']);
    expect(piiOnly.out).toContain(token);
    expect(piiOnly.out).not.toContain('ann@example.com');
    expect(run([]).out).toBe(text);
  });

  it('guard.redact replaces only the listed categories too', () => {
    const guard = createGuard({ detectors: ['secrets', 'pii'] });
    const secretsOnly = guard.redact(text, scope, 'output', { categories: ['secret'] });
    expect(secretsOnly.text).toBe(
      `Mail ann@example.com or use [REDACTED:secret.github_token] now.`,
    );
    expect(secretsOnly.detections.map((d) => d.category)).toEqual(['secret']);
    expect(guard.redact(text, scope, 'output', { categories: [] }).text).toBe(text);
    expect(guard.redact(text, scope).text).not.toContain('ann@example.com');
  });
});

describe('stream block check across segment cuts (unsafe output)', () => {
  /** Streams `text` word by word through the guard; whether it blocked and what got out before. */
  function streamWords(text: string) {
    const stream = createGuard().streamOutput(scope);
    let out = '';
    for (const word of text.split(/(?<= )/)) {
      const step = stream.push(word);
      out += step.emit;
      if (step.blocked) return { blocked: true, out };
    }
    const last = stream.end();
    return { blocked: last.blocked, out: out + last.emit };
  }

  it.each([
    'Sure: <img src=x onerror=alert(document.cookie)> done. ',
    'Click <a href="javascript:alert(document.cookie)">here</a> now. ',
  ])('blocks a pattern cut at its spaces, as the whole text blocks: %s', (text) => {
    expect(createGuard().check({ text, role: 'output', detectors: ['unsafe-output'] }).action).toBe(
      'block',
    );
    const result = streamWords(text);
    expect(result.blocked).toBe(true);
    expect(result.out).not.toContain('alert(');
  });

  it('does not block ordinary prose or code talk streamed word by word', () => {
    const prose =
      'To add an image, write an img tag with a src attribute and an alt text. ' +
      'Handlers such as onclick belong in your script file, not in the markup. ' +
      'The quarter went well: revenue grew, costs were flat and the outlook is stable. ';
    const result = streamWords(prose.repeat(6));
    expect(result.blocked).toBe(false);
    expect(result.out).toBe(prose.repeat(6));
  });

  it('gives the block check the segment after at most BLOCK_OVERLAP emitted characters', () => {
    const checks: { text: string; segment: string; before: string }[] = [];
    let emitted = '';
    let pending = '';
    const stream = createStreamRedactor({
      detect: () => [],
      transform: (segment) => {
        checks.push({ text: pending, segment, before: emitted });
        emitted += segment;
        return segment;
      },
      block: (text) => {
        pending = text;
        return false;
      },
    });
    for (let i = 0; i < 200; i++) stream.push(`word${String.fromCharCode(97 + (i % 26))} `);
    stream.end();
    expect(emitted.length).toBeGreaterThan(3 * BLOCK_OVERLAP);
    for (const { text, segment, before } of checks) {
      // The checked text is the segment after the end of what was emitted before it.
      expect(text).toBe(before.slice(-BLOCK_OVERLAP) + segment);
    }
    expect(checks.some((c) => c.text.length - c.segment.length === BLOCK_OVERLAP)).toBe(true);
  });
});
