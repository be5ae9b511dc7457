import { describe, expect, it } from 'vitest';
import {
  BulwarkError,
  ERROR_CATALOGUE,
  exitCodeFor,
  httpStatusFor,
  meetsThreshold,
  formatIssue,
} from '../src/index.js';

describe('error model', () => {
  it('maps kinds to documented exit codes', () => {
    expect(exitCodeFor(new BulwarkError('USAGE', 'x'))).toBe(2);
    expect(exitCodeFor(new BulwarkError('CONFIG_INVALID', 'x'))).toBe(2);
    expect(exitCodeFor(new BulwarkError('INTERNAL', 'x'))).toBe(3);
    expect(exitCodeFor(new Error('plain'))).toBe(3);
    expect(exitCodeFor(new BulwarkError('VERIFICATION_FAILED', 'x'))).toBe(1);
  });

  it('maps kinds to HTTP statuses', () => {
    expect(httpStatusFor(new BulwarkError('AUTH_REQUIRED', 'x'))).toBe(401);
    expect(httpStatusFor(new BulwarkError('FORBIDDEN', 'x'))).toBe(403);
    expect(httpStatusFor(new BulwarkError('RATE_LIMITED', 'x'))).toBe(429);
    expect(httpStatusFor(new BulwarkError('INPUT_TOO_LARGE', 'x'))).toBe(413);
    expect(httpStatusFor(new TypeError('bug'))).toBe(500);
  });

  it('every catalogue code has a kind and summary', () => {
    for (const [code, entry] of Object.entries(ERROR_CATALOGUE)) {
      expect(code).toMatch(/^[A-Z_]+$/);
      expect(entry.summary.length).toBeGreaterThan(3);
    }
  });

  it('describes issues with their location and keeps the cause', () => {
    const cause = new Error('root');
    const error = new BulwarkError('CONFIG_INVALID', 'Invalid config', {
      cause,
      issues: [{ code: 'c', message: 'bad key', path: 'bulwark.yaml', line: 3, column: 5 }],
    });
    expect(error.cause).toBe(cause);
    expect(error.describe()).toContain('bulwark.yaml:3:5: bad key');
    expect(formatIssue({ code: 'c', message: 'm', line: 2 })).toBe('line 2: m');
  });

  it('compares severities', () => {
    expect(meetsThreshold('high', 'medium')).toBe(true);
    expect(meetsThreshold('low', 'medium')).toBe(false);
    expect(meetsThreshold('critical', 'critical')).toBe(true);
  });
});
