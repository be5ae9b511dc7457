import { describe, expect, it } from 'vitest';
import { createRedactor, InMemoryVaultStore } from '../src/index.js';
import { seededRandom, tokenFactories } from './support/leak-corpus.js';

const scope = { tenant: 'acme', conversation: 'c1' };
const token = tokenFactories(seededRandom(1))['secret.github_token']?.() ?? '';

describe('createRedactor', () => {
  it('uses typed, numbered placeholders stable within a conversation', () => {
    const redactor = createRedactor({ key: 'k'.repeat(32) });
    const a = redactor.redact(
      'Mail ann@example.com and bob@example.com, again ann@example.com',
      scope,
    );
    expect(a.text).toBe('Mail <EMAIL_1> and <EMAIL_2>, again <EMAIL_1>');
    const b = redactor.redact('bob@example.com wrote back', scope);
    expect(b.text).toBe('<EMAIL_2> wrote back');
    const other = redactor.redact('bob@example.com wrote back', {
      tenant: 'acme',
      conversation: 'c2',
    });
    expect(other.text).toBe('<EMAIL_1> wrote back');
  });

  it('masks secrets by default and never restores them', () => {
    const redactor = createRedactor({ modes: { secret: 'placeholder' } });
    const { text } = redactor.redact(`use ${token}`, scope);
    expect(text).toBe('use <SECRET_1>');
    expect(redactor.restore(text, scope)).toBe('use <SECRET_1>');
    const masked = createRedactor().redact(`use ${token}`, scope);
    expect(masked.text).toBe('use [REDACTED:secret.github_token]');
    expect(masked.text).not.toContain(token.slice(4));
  });

  it('restores placeholders tolerant of case and bracket drift, unknown ones untouched', () => {
    const redactor = createRedactor();
    redactor.redact('ann@example.com, +1 212-555-0187', scope);
    const restored = redactor.restore(
      'To <email_1>, [EMAIL_1], {Email-1}, (<PHONE_1>), EMAIL_1 and <EMAIL_9> <NAME_1>',
      scope,
    );
    expect(restored).toBe(
      'To ann@example.com, ann@example.com, ann@example.com, (+1 212-555-0187), ann@example.com and <EMAIL_9> <NAME_1>',
    );
    expect(redactor.restore('<EMAIL_1>', { tenant: 'other', conversation: 'c1' })).toBe(
      '<EMAIL_1>',
    );
  });

  it('hashes with a keyed HMAC per tenant (never an unkeyed hash)', () => {
    const redactor = createRedactor({ modes: { pii: 'hash' }, keys: { a: 'key-a', b: 'key-b' } });
    const a = redactor.redact('ann@example.com', { tenant: 'a', conversation: 'x' }).text;
    const a2 = redactor.redact('ann@example.com', { tenant: 'a', conversation: 'y' }).text;
    const b = redactor.redact('ann@example.com', { tenant: 'b', conversation: 'x' }).text;
    expect(a).toMatch(/^\[pii\.email:hmac-sha256:[0-9a-f]{16}\]$/);
    expect(a).toBe(a2);
    expect(a).not.toBe(b);
  });

  it('supports drop and per-type modes', () => {
    const redactor = createRedactor({ modes: { 'pii.email': 'drop', pii: 'mask' } });
    expect(redactor.redact('x ann@example.com y 4111 1111 1111 1111', scope).text).toBe(
      'x  y [REDACTED:pii.credit_card]',
    );
  });

  it('seals vault values with AES-256-GCM and expires them after the TTL', () => {
    let now = 1_000;
    const vault = new InMemoryVaultStore(() => now);
    const redactor = createRedactor({ vault, ttlMs: 500, now: () => now });
    redactor.redact('ann@example.com', scope);
    const entry = vault.get(scope, '<EMAIL_1>');
    expect(entry?.sealed?.data).toBeDefined();
    expect(JSON.stringify(entry)).not.toContain('ann@example.com');
    expect(redactor.restore('<EMAIL_1>', scope)).toBe('ann@example.com');
    now += 501;
    expect(redactor.restore('<EMAIL_1>', scope)).toBe('<EMAIL_1>');
  });

  it('cannot open another tenant’s entries even with the same vault', () => {
    const vault = new InMemoryVaultStore();
    const one = createRedactor({ vault, keys: { acme: 'one' } });
    const two = createRedactor({ vault, keys: { acme: 'two' } });
    one.redact('ann@example.com', scope);
    expect(two.restore('<EMAIL_1>', scope)).toBe('<EMAIL_1>');
  });
});
