import { describe, expect, it } from 'vitest';
import { redactForCli } from '../src/commands/detect-redact.js';
import { runBulwark } from './run-bulwark.js';

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

describe('bulwark detect --redact (binary)', () => {
  it('prints redacted stdin with per-type modes', () => {
    const run = runBulwark(['detect', '--redact', '--redact-mode', 'pii.email=mask'], {
      input: 'token: password=Winter2026! contact ann@example.com\n',
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\[REDACTED:secret\.[a-z_]+\]/);
    expect(run.stdout).toContain('contact [REDACTED:pii.email]\n');
    expect(run.stdout).not.toContain('Winter2026');
  });

  it('rejects malformed modes and --redact with --input', () => {
    const bad = runBulwark(['detect', '--redact', '--redact-mode', 'email'], { input: 'x' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Invalid --redact-mode "email"/);
    const batch = runBulwark(['detect', '--redact', '--input', 'rows.jsonl']);
    expect(batch.code).toBe(2);
    expect(batch.stderr).toMatch(/--redact works on one text/);
  });
});
