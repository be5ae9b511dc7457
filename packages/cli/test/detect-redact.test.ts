import { describe, expect, it } from 'vitest';
import { redactForCli } from '../src/commands/detect-redact.js';

describe('redactForCli', () => {
  it('masks secrets and pseudonymises PII by default', () => {
    const out = redactForCli(
      'password=Winter2026! mail ann@example.com and ann@example.com, card 4111 1111 1111 1111',
    );
    expect(out).toBe(
      'password=[REDACTED:secret.password_assignment] mail <EMAIL_1> and <EMAIL_1>, card <CREDIT_CARD_1>',
    );
  });

  it('applies per-type modes and rejects unknown ones', () => {
    expect(redactForCli('ann@example.com', { modes: { pii: 'mask' } })).toBe(
      '[REDACTED:pii.email]',
    );
    expect(redactForCli('ann@example.com', { modes: { 'pii.email': 'hash' }, key: 'k' })).toMatch(
      /^\[pii\.email:hmac-sha256:[0-9a-f]{16}\]$/,
    );
    expect(() => redactForCli('x', { modes: { pii: 'shred' } })).toThrow(
      /Unknown redaction mode "shred"/,
    );
  });
});
